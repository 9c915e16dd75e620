package dev.hookline.jdbc;

import static dev.hookline.jdbc.InboxEvents.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.WebhookEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances' worker pools drain one inbox together, while events keep arriving: no event is handled twice. */
class InboxConcurrencyTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final int EVENTS = 400;

    private static HikariDataSource instanceA;
    private static HikariDataSource instanceB;

    @BeforeAll
    static void createTables() {
        instanceA = TestDatabase.pool("concurrency-a", 7);
        instanceB = TestDatabase.pool("concurrency-b", 7);
        JdbcSchema.withPrefix(PREFIX).apply(instanceA);
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (instanceA != null) {
            TestDatabase.dropTables(instanceA, PREFIX);
            instanceA.close();
        }
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    void twoWorkerPoolsNeverHandleARowTwice() throws Exception {
        String name = "ep_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        AtomicInteger byA = new AtomicInteger();
        AtomicInteger byB = new AtomicInteger();
        JdbcInbox inboxA = JdbcInbox.builder(instanceA).tablePrefix(PREFIX).build();
        JdbcInbox inboxB = JdbcInbox.builder(instanceB).tablePrefix(PREFIX).build();
        WebhookEndpoint a = endpoint(name, handled, byA);
        WebhookEndpoint b = endpoint(name, handled, byB);
        for (int i = 0; i < EVENTS / 2; i++) {
            inboxA.add(a, InboxEvents.event(name, "evt_" + i));
        }

        try (InboxWorkers workersA = workers(inboxA, a).build(); InboxWorkers workersB = workers(inboxB, b).build()) {
            workersA.start();
            workersB.start();
            for (int i = EVENTS / 2; i < EVENTS; i++) {
                (i % 2 == 0 ? inboxA : inboxB).add(a, InboxEvents.event(name, "evt_" + i));
            }
            await("every event is done", Duration.ofSeconds(30),
                    () -> inboxA.list(InboxState.DONE, InboxFilter.all().endpoint(name), EVENTS).size() == EVENTS);
        }

        assertThat(handled).hasSize(EVENTS);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(byA.get() + byB.get()).isEqualTo(EVENTS);
        assertThat(byA).as("both instances took part").hasPositiveValue();
        assertThat(byB).as("both instances took part").hasPositiveValue();
        assertThat(inboxA.list(InboxState.DONE, InboxFilter.all().endpoint(name), EVENTS))
                .allSatisfy(row -> assertThat(row.attempts()).isEqualTo(1));
    }

    private static WebhookEndpoint endpoint(String name, Map<String, AtomicInteger> handled, AtomicInteger mine) {
        return InboxEvents.endpoint(name).onAny(event -> {
            handled.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            mine.incrementAndGet();
            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
        }).build();
    }

    private static InboxWorkers.Builder workers(JdbcInbox inbox, WebhookEndpoint endpoint) {
        return InboxWorkers.builder(inbox).endpoint(endpoint).concurrency(4).lease(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100));
    }
}
