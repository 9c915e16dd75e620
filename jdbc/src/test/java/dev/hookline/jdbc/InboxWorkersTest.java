package dev.hookline.jdbc;

import static dev.hookline.jdbc.InboxEvents.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.MutableClock;
import dev.hookline.delivery.Headers;
import dev.hookline.event.VerifiedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workers run each stored event's handlers, retry failures with backoff, give up into dead, and replay. */
class InboxWorkersTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final InboxRetry FAST = InboxRetry.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));

    private static HikariDataSource dataSource;
    private static JdbcInbox inbox;

    @BeforeAll
    static void createTables() throws SQLException {
        dataSource = TestDatabase.pool("inbox-workers", 8);
        JdbcSchema.withPrefix(PREFIX).apply(dataSource);
        inbox = JdbcInbox.builder(dataSource).tablePrefix(PREFIX).build();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + PREFIX + "effects (event_id text PRIMARY KEY, attempt integer NOT NULL)");
        }
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (dataSource != null) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + PREFIX + "effects");
            }
            TestDatabase.dropTables(dataSource, PREFIX);
            dataSource.close();
        }
    }

    private static String name() {
        return "ep_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static InboxWorkers.Builder workers(WebhookEndpoint endpoint) {
        return InboxWorkers.builder(inbox).endpoint(endpoint).retry(FAST).lease(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50)).stopTimeout(Duration.ofSeconds(2));
    }

    private static InboxRow row(WebhookEndpoint endpoint, String id) {
        return inbox.find(endpoint.name(), id).orElseThrow();
    }

    private static boolean is(WebhookEndpoint endpoint, String id, InboxState state) {
        return inbox.find(endpoint.name(), id).map(row -> row.state() == state).orElse(false);
    }

    @Test
    void aHandlerFailingTwiceThenSucceedingEndsDoneAfterThreeAttempts() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> {
            attempts.add(event.receipt().attempt());
            if (attempts.size() <= 2) {
                throw new IllegalStateException("downstream unavailable, try " + attempts.size());
            }
        }).build();
        String id = "evt_" + UUID.randomUUID();
        inbox.add(endpoint, InboxEvents.event(endpoint.name(), id));

        try (InboxWorkers workers = workers(endpoint).build()) {
            workers.start();
            await("the event is done", WAIT, () -> is(endpoint, id, InboxState.DONE));
        }

        InboxRow row = row(endpoint, id);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(row.lastError()).isEqualTo("java.lang.IllegalStateException: downstream unavailable, try 2");
        assertThat(row.finishedAt()).isNotNull();
        assertThat(row.leaseUntil()).isNull();
    }

    @Test
    void aHandlerAlwaysFailingEndsDeadWithItsLastErrorAndCanBeReplayed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch fixed = new CountDownLatch(1);
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> {
            calls.incrementAndGet();
            if (fixed.getCount() > 0) {
                throw new IllegalArgumentException("bad row " + "x".repeat(2_000));
            }
        }).build();
        String id = "evt_" + UUID.randomUUID();
        String other = "evt_" + UUID.randomUUID();
        inbox.add(endpoint, InboxEvents.event(endpoint.name(), id));
        inbox.add(endpoint, InboxEvents.event(endpoint.name(), other));

        try (InboxWorkers workers = workers(endpoint).retry(FAST.withMaxAttempts(3)).build()) {
            workers.start();
            await("both events are dead", WAIT,
                    () -> is(endpoint, id, InboxState.DEAD) && is(endpoint, other, InboxState.DEAD));
            InboxRow dead = row(endpoint, id);
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(calls).hasValue(6);
            assertThat(dead.lastError()).startsWith("java.lang.IllegalArgumentException: bad row xxx").endsWith("...")
                    .hasSize(InboxQueue.MAX_ERROR_LENGTH).doesNotContain(InboxEvents.PAYLOAD_MARKER);
            assertThat(inbox.list(InboxState.DEAD, InboxFilter.all().endpoint(endpoint.name()), 10)).hasSize(2);

            fixed.countDown();
            assertThat(inbox.replay(dead.id())).isTrue();
            assertThat(inbox.replay(dead.id())).as("no longer dead").isFalse();
            await("the replayed event is done", WAIT, () -> is(endpoint, id, InboxState.DONE));
            assertThat(row(endpoint, id).attempts()).as("counted afresh").isEqualTo(1);
            assertThat(row(endpoint, other).state()).isEqualTo(InboxState.DEAD);

            assertThat(inbox.replay(InboxFilter.all().endpoint(endpoint.name()).type("webset.created"))).isEqualTo(1);
            await("the other is done", WAIT, () -> is(endpoint, other, InboxState.DONE));
        }
        assertThat(calls).hasValue(8);
    }

    @Test
    void dataThatNoLongerBindsIsDeadAtOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WebhookEndpoint endpoint = InboxEvents.endpoint(name())
                .on(dev.hookline.exa.ExaEvents.WEBSET_CREATED, webset -> calls.incrementAndGet()).build();
        String id = "evt_" + UUID.randomUUID();
        byte[] body = ("{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"webset.created\",\"data\":[1,2],"
                + "\"createdAt\":\"2026-05-02T11:59:00Z\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        inbox.add(endpoint, new VerifiedEvent(endpoint.name(), "exa", id, "webset.created", null, Instant.now(), null,
                Headers.empty(), body));

        try (InboxWorkers workers = workers(endpoint).build()) {
            workers.start();
            await("the event is dead", WAIT, () -> is(endpoint, id, InboxState.DEAD));
        }
        assertThat(row(endpoint, id).attempts()).isEqualTo(1);
        assertThat(row(endpoint, id).lastError()).startsWith("invalid_event_data: ");
        assertThat(calls).hasValue(0);
    }

    @Test
    void anUnreadableStoredEventIsDeadAtOnce() throws Exception {
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> { }).build();
        String id = "evt_" + UUID.randomUUID();
        inbox.add(endpoint, InboxEvents.event(endpoint.name(), id));
        try (Connection connection = dataSource.getConnection(); PreparedStatement corrupt = connection.prepareStatement(
                "UPDATE " + inbox.table() + " SET event = ? WHERE endpoint = ?")) {
            corrupt.setBytes(1, new byte[] {'H', 'L', 'V', 'E', 9});
            corrupt.setString(2, endpoint.name());
            corrupt.executeUpdate();
        }

        try (InboxWorkers workers = workers(endpoint).build()) {
            workers.start();
            await("the event is dead", WAIT, () -> is(endpoint, id, InboxState.DEAD));
        }
        assertThat(row(endpoint, id).lastError())
                .isEqualTo("java.lang.IllegalArgumentException: Unknown form version 9 of a stored verified event");
    }

    @Test
    void aHandlersWritesThroughTheInboxTransactionHappenOnceEvenWhenItFailsAfterWriting() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> {
            InboxTransaction transaction = InboxTransaction.current().orElseThrow();
            try (Connection connection = transaction.connection(); PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + PREFIX + "effects (event_id, attempt) VALUES (?, ?)")) {
                insert.setString(1, event.id());
                insert.setInt(2, transaction.attempt());
                insert.executeUpdate();
            }
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("failed after writing");
            }
        }).build();
        String id = "evt_" + UUID.randomUUID();
        inbox.add(endpoint, InboxEvents.event(endpoint.name(), id));

        try (InboxWorkers workers = workers(endpoint).build()) {
            workers.start();
            await("the event is done", WAIT, () -> is(endpoint, id, InboxState.DONE));
        }

        assertThat(calls).hasValue(2);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM " + PREFIX + "effects WHERE event_id = '" + id
                + "'")).as("the first attempt's insert was rolled back with its failure").isEqualTo(1);
        assertThat(TestDatabase.count(dataSource, "SELECT attempt FROM " + PREFIX + "effects WHERE event_id = '" + id
                + "'")).isEqualTo(2);
    }

    @Test
    void aHandlerThatInsertsThenFailsLeavesNoRowAndOneWhoseLeaseWasLostCommitsNothing() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch stolen = new CountDownLatch(1);
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> {
            InboxTransaction transaction = InboxTransaction.current().orElseThrow();
            try (PreparedStatement insert = transaction.connection().prepareStatement(
                    "INSERT INTO " + PREFIX + "effects (event_id, attempt) VALUES (?, ?)")) {
                insert.setString(1, event.id());
                insert.setInt(2, transaction.attempt());
                insert.executeUpdate();
            }
            written.countDown();
            stolen.await(10, TimeUnit.SECONDS);
        }).build();
        String id = "evt_" + UUID.randomUUID();
        inbox.add(endpoint, InboxEvents.event(endpoint.name(), id));

        try (InboxWorkers workers = workers(endpoint).retry(FAST.withMaxAttempts(1)).build()) {
            workers.start();
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            // as if the lease had expired and another instance had rescued and taken the row meanwhile
            try (Connection connection = dataSource.getConnection(); PreparedStatement steal = connection.prepareStatement(
                    "UPDATE " + inbox.table() + " SET owner = 'another-instance', attempts = attempts + 1"
                            + " WHERE endpoint = ?")) {
                steal.setString(1, endpoint.name());
                assertThat(steal.executeUpdate()).isEqualTo(1);
            }
            stolen.countDown();
        } // stopping waits for the worker to settle what it holds

        InboxRow row = row(endpoint, id);
        assertThat(row.state()).as("still the other instance's").isEqualTo(InboxState.RUNNING);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM " + PREFIX + "effects WHERE event_id = '" + id
                + "'")).as("the handler's insert was rolled back: the row was not this worker's to settle").isZero();
    }

    @Test
    void theHandlersMayNotCommitOrRollBackTheInboxTransaction() throws Exception {
        List<String> refused = new CopyOnWriteArrayList<>();
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> {
            Connection connection = InboxTransaction.current().orElseThrow().connection();
            for (SqlCall call : List.<SqlCall>of(connection::commit, connection::rollback,
                    () -> connection.setAutoCommit(true))) {
                try {
                    call.run();
                } catch (SQLException e) {
                    refused.add(e.getMessage());
                }
            }
            connection.close();
            assertThat(connection.isClosed()).isFalse();
            assertThat(connection.getAutoCommit()).isFalse();
        }).build();
        String id = "evt_" + UUID.randomUUID();
        inbox.add(endpoint, InboxEvents.event(endpoint.name(), id));

        try (InboxWorkers workers = workers(endpoint).build()) {
            workers.start();
            await("the event is done", WAIT, () -> is(endpoint, id, InboxState.DONE));
        }
        assertThat(refused).hasSize(3).allSatisfy(message -> assertThat(message)
                .startsWith("The inbox worker commits or rolls back this transaction with the event's row"));
        assertThat(InboxTransaction.current()).as("outside a worker").isEmpty();
    }

    @FunctionalInterface
    private interface SqlCall {
        void run() throws SQLException;
    }

    @Test
    void aNotificationWakesAnIdleWorkerLongBeforeItsNextPollAndRowsStoredJustAfterItAreFoundToo() throws Exception {
        CountDownLatch handled = new CountDownLatch(3);
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> handled.countDown()).build();

        // a lease of minutes: the poller's rescue chore (every quarter lease) would otherwise find the row first
        try (InboxWorkers workers = workers(endpoint).lease(Duration.ofMinutes(2)).pollInterval(Duration.ofMinutes(5))
                .build()) {
            workers.start();
            await("the listener listens", WAIT, () -> listening(inbox.channel()));
            Thread.sleep(JdbcInbox.NOTIFY_SPACING.toMillis()); // the next insert notifies
            long start = System.nanoTime();
            // the first notifies; the two right after it, within the notify spacing, do not
            for (int i = 0; i < 3; i++) {
                inbox.add(endpoint, InboxEvents.event(endpoint.name(), "evt_" + UUID.randomUUID()));
            }

            assertThat(handled.await(10, TimeUnit.SECONDS)).as("handled without waiting for the 5-minute poll").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anEventStoredRightAfterADuplicateStillNotifies() throws Exception {
        CountDownLatch handled = new CountDownLatch(2);
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> handled.countDown()).build();
        VerifiedEvent first = InboxEvents.event(endpoint.name(), "evt_" + UUID.randomUUID());
        assertThat(inbox.add(endpoint, first)).isTrue();

        // a lease of minutes: the poller's rescue chore (every quarter lease) would otherwise find the row first
        try (InboxWorkers workers = workers(endpoint).lease(Duration.ofMinutes(2)).pollInterval(Duration.ofMinutes(5))
                .build()) {
            workers.start(); // its first poll takes the stored event
            await("the listener listens", WAIT, () -> listening(inbox.channel()));
            await("the first event is done", WAIT, () -> is(endpoint, first.id(), InboxState.DONE));
            Thread.sleep(JdbcInbox.NOTIFY_SPACING.toMillis()); // the next insert may notify
            long start = System.nanoTime();
            assertThat(inbox.add(endpoint, first)).as("a duplicate, which stores and sends nothing").isFalse();
            inbox.add(endpoint, InboxEvents.event(endpoint.name(), "evt_" + UUID.randomUUID()));

            assertThat(handled.await(10, TimeUnit.SECONDS)).as("handled without waiting for the 5-minute poll").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static boolean listening(String channel) {
        try {
            return TestDatabase.count(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN "
                    + channel + "'") > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutNotificationsARetryIsStillPickedUpWhenItIsDue() throws Exception {
        JdbcInbox quiet = JdbcInbox.builder(dataSource).tablePrefix(PREFIX).notifications(false).build();
        AtomicInteger calls = new AtomicInteger();
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("once");
            }
        }).build();
        String id = "evt_" + UUID.randomUUID();
        quiet.add(endpoint, InboxEvents.event(endpoint.name(), id));

        try (InboxWorkers workers = InboxWorkers.builder(quiet).endpoint(endpoint).pollInterval(Duration.ofSeconds(30))
                .retry(InboxRetry.defaults().withBackoff(Duration.ofMillis(300), Duration.ofMillis(300)).withJitter(0))
                .build()) {
            long start = System.nanoTime();
            workers.start();
            await("the event is done", WAIT, () -> is(endpoint, id, InboxState.DONE));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("woken when the retry fell due, not at the poll")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void stoppingInterruptsAHandlerPastTheStopTimeoutAndGivesItsRowBack() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).handlerTimeout(Duration.ofMinutes(1)).onAny(event -> {
            started.countDown();
            Thread.sleep(60_000);
        }).build();
        String id = "evt_" + UUID.randomUUID();
        inbox.add(endpoint, InboxEvents.event(endpoint.name(), id));

        InboxWorkers workers = workers(endpoint).stopTimeout(Duration.ofMillis(200)).build();
        workers.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(row(endpoint, id).state()).isEqualTo(InboxState.RUNNING);
        workers.stop();

        InboxRow row = row(endpoint, id);
        assertThat(row.state()).isEqualTo(InboxState.PENDING);
        assertThat(row.attempts()).as("the interrupted attempt is not counted").isZero();
        assertThat(row.lastError()).isNull();
        assertThat(workers.isRunning()).isFalse();
    }

    @Test
    void doneRowsArePrunedAfterTheRetentionInBatchesAndOthersAreKept() throws Exception {
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> { }).build();
        Instant later = Instant.now().plus(Duration.ofDays(30));
        for (int i = 0; i < 5; i++) {
            inbox.add(endpoint, InboxEvents.event(endpoint.name(), "evt_done_" + i));
        }
        inbox.add(endpoint, new VerifiedEvent(endpoint.name(), "exa", "evt_replayable", "webset.created", null,
                Instant.now(), later, Headers.empty(), InboxEvents.body("evt_replayable")));
        try (InboxWorkers workers = workers(endpoint).build()) {
            workers.start();
            await("every event is done", WAIT, () -> inbox.list(InboxState.DONE,
                    InboxFilter.all().endpoint(endpoint.name()), 10).size() == 6);
        }
        WebhookEndpoint waiting = InboxEvents.endpoint(name()).build();
        inbox.add(waiting, InboxEvents.event(waiting.name(), "evt_pending"));

        MutableClock eightDaysOn = new MutableClock(Instant.now().plus(Duration.ofDays(8)));
        JdbcInbox pruning = JdbcInbox.builder(dataSource).tablePrefix(PREFIX).clock(eightDaysOn).pruneBatchSize(2)
                .build();
        assertThat(JdbcInbox.builder(dataSource).tablePrefix(PREFIX).build().prune())
                .as("nothing is past a week's retention yet").isZero();
        assertThat(pruning.prune()).isGreaterThanOrEqualTo(5);

        assertThat(inbox.list(InboxState.DONE, InboxFilter.all().endpoint(endpoint.name()), 10))
                .extracting(InboxRow::eventId).as("kept while a replay of its delivery could pass")
                .containsExactly("evt_replayable");
        assertThat(inbox.find(waiting.name(), "evt_pending")).isPresent();
        eightDaysOn.advance(Duration.ofDays(30));
        assertThat(pruning.prune()).isGreaterThanOrEqualTo(1);
        assertThat(inbox.find(endpoint.name(), "evt_replayable")).isEmpty();
        assertThat(inbox.find(waiting.name(), "evt_pending")).as("never pruned").isPresent();
    }

    @Test
    void theBuilderSaysWhatIsWrong() {
        InboxWorkers.Builder builder = InboxWorkers.builder(inbox);

        assertThatThrownBy(builder::build).hasMessage("Inbox workers need at least one endpoint to dispatch to");
        assertThatThrownBy(() -> builder.concurrency(0)).hasMessage("concurrency must be from 1 to 1000, was 0");
        assertThatThrownBy(() -> builder.lease(Duration.ZERO)).hasMessage("lease must be positive, was PT0S");
        assertThatThrownBy(() -> builder.pollInterval(Duration.ofSeconds(-1)))
                .hasMessage("pollInterval must be positive, was PT-1S");
        assertThatThrownBy(() -> builder.stopTimeout(Duration.ofSeconds(-1)))
                .hasMessage("stopTimeout must not be negative, was PT-1S");
        assertThatThrownBy(() -> InboxRetry.defaults().withMaxAttempts(0))
                .hasMessage("maxAttempts must be at least 1, was 0");
        assertThatThrownBy(() -> InboxRetry.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("maxBackoff (PT1S) must be at least initialBackoff (PT2S)");
        assertThatThrownBy(() -> InboxRetry.defaults().withJitter(1.5)).hasMessage("jitter must be from 0 to 1, was 1.5");
        WebhookEndpoint one = InboxEvents.endpoint("same").build();
        assertThatThrownBy(() -> builder.endpoint(one).endpoint(InboxEvents.endpoint("same").build()))
                .hasMessage("Two endpoints are named 'same'");
    }

    @Test
    void theBackoffDoublesUpToItsLongestWaitLessItsJitter() {
        InboxRetry retry = new InboxRetry(20, Duration.ofSeconds(5), Duration.ofHours(1), 0.25);

        assertThat(retry.backoff(1, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retry.backoff(2, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.backoff(4, 0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(retry.backoff(4, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.backoff(12, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(retry.backoff(200, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(retry.allowsAnother(19)).isTrue();
        assertThat(retry.allowsAnother(20)).isFalse();
    }
}
