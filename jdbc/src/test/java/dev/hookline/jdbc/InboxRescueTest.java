package dev.hookline.jdbc;

import static dev.hookline.jdbc.InboxEvents.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.WebhookEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An instance dies in the middle of a handler (its connections closed, its lease left behind): once the lease has
 * expired, another instance's rescue sweep takes the event back and its workers handle it.
 */
class InboxRescueTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static HikariDataSource survivor;
    private static JdbcInbox inbox;

    @BeforeAll
    static void createTables() {
        survivor = TestDatabase.pool("rescue-survivor", 4);
        JdbcSchema.withPrefix(PREFIX).apply(survivor);
        inbox = JdbcInbox.builder(survivor).tablePrefix(PREFIX).build();
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (survivor != null) {
            TestDatabase.dropTables(survivor, PREFIX);
            survivor.close();
        }
    }

    private static InboxWorkers.Builder workers(JdbcInbox on, WebhookEndpoint endpoint) {
        return InboxWorkers.builder(on).endpoint(endpoint).lease(LEASE).pollInterval(Duration.ofMillis(50))
                .stopTimeout(Duration.ofMillis(100))
                .retry(InboxRetry.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(10)));
    }

    @Test
    void aSurvivorRescuesTheEventOfAKilledWorkerAfterItsLeaseAndHandlesItOnce() throws Exception {
        String name = "ep_" + UUID.randomUUID().toString().substring(0, 8);
        String id = "evt_" + UUID.randomUUID();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        WebhookEndpoint dying = InboxEvents.endpoint(name).handlerTimeout(Duration.ofMinutes(1)).onAny(event -> {
            inHandler.countDown();
            never.await(30, TimeUnit.SECONDS); // the process is gone: nothing of this handler counts any more
        }).build();
        List<Instant> survivorHandled = new CopyOnWriteArrayList<>();
        WebhookEndpoint surviving = InboxEvents.endpoint(name).onAny(event -> survivorHandled.add(Instant.now())).build();
        inbox.add(surviving, InboxEvents.event(name, id));

        HikariDataSource killedPool = TestDatabase.pool("rescue-killed", 3);
        InboxWorkers killed = workers(JdbcInbox.builder(killedPool).tablePrefix(PREFIX).build(), dying).build();
        killed.start();
        try {
            assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
            InboxRow held = inbox.find(name, id).orElseThrow();
            assertThat(held.state()).isEqualTo(InboxState.RUNNING);
            assertThat(held.attempts()).isEqualTo(1);

            killedPool.close(); // its connections are gone: no heartbeat, no settling; the lease stays in the row
            try (InboxWorkers rescuer = workers(inbox, surviving).build()) {
                rescuer.start();
                await("the survivor has handled the event", WAIT, () -> inbox.find(name, id)
                        .map(row -> row.state() == InboxState.DONE).orElse(false));
            }

            InboxRow done = inbox.find(name, id).orElseThrow();
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.lastError()).startsWith("Lease expired: the worker holding the event stopped");
            assertThat(survivorHandled).hasSize(1);
            assertThat(survivorHandled.get(0)).as("not before the killed worker's lease expired")
                    .isAfterOrEqualTo(held.leaseUntil());
        } finally {
            never.countDown();
            killed.stop();
        }
        assertThat(inbox.find(name, id).orElseThrow().state()).as("the late handler settles nothing")
                .isEqualTo(InboxState.DONE);
    }

    @Test
    void aRescuedEventWithNoAttemptLeftIsDead() throws Exception {
        String name = "ep_" + UUID.randomUUID().toString().substring(0, 8);
        String id = "evt_" + UUID.randomUUID();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        WebhookEndpoint dying = InboxEvents.endpoint(name).handlerTimeout(Duration.ofMinutes(1)).onAny(event -> {
            inHandler.countDown();
            never.await(30, TimeUnit.SECONDS);
        }).build();
        WebhookEndpoint surviving = InboxEvents.endpoint(name).onAny(event -> { }).build();
        inbox.add(surviving, InboxEvents.event(name, id));

        HikariDataSource killedPool = TestDatabase.pool("rescue-killed-last", 3);
        InboxRetry once = InboxRetry.defaults().withMaxAttempts(1);
        InboxWorkers killed = workers(JdbcInbox.builder(killedPool).tablePrefix(PREFIX).build(), dying).retry(once)
                .build();
        killed.start();
        try {
            assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
            killedPool.close();
            try (InboxWorkers rescuer = workers(inbox, surviving).retry(once).build()) {
                rescuer.start();
                await("the event is dead", WAIT, () -> inbox.find(name, id)
                        .map(row -> row.state() == InboxState.DEAD).orElse(false));
            }
        } finally {
            never.countDown();
            killed.stop();
        }
        InboxRow dead = inbox.find(name, id).orElseThrow();
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.finishedAt()).isNotNull();
        assertThat(dead.lastError()).startsWith("Lease expired");
    }
}
