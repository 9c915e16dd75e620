package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.providers.BackfillResult;
import dev.hookline.providers.EventPosition;
import dev.hookline.providers.ExaClient;
import dev.hookline.providers.FakeExaEvents;
import dev.hookline.providers.FakeProviderServer;
import dev.hookline.providers.RecordingSleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances backfilling one endpoint through the PostgreSQL position store: a run holds the position while it
 * goes, so the other skips its turn; each goes on from where the last one stopped, so that every event is handled
 * once in all, though each instance deduplicates only in its own memory; and a restart resumes from the stored
 * position.
 */
class JdbcPositionStoreTest {

    private static final String SECRET = "jdbc_position_test_secret";
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant NOW = START.plus(Duration.ofDays(1));

    private static TestDatabase.TwoInstances database;

    private FakeProviderServer server;
    private FakeExaEvents events;
    private ExaClient exa;
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private String endpointName;

    @BeforeAll
    static void createTables() {
        database = TestDatabase.TwoInstances.open("position", 3);
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
        events = new FakeExaEvents(server, "/websets");
        exa = ExaClient.builder("exa_key").baseUrl(server.url() + "/websets").sleeper(new RecordingSleeper())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        endpointName = "exa-" + System.nanoTime(); // a row of its own per test
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JdbcPositionStore store(HikariDataSource instance) {
        return JdbcPositionStore.withPrefix(instance, database.prefix());
    }

    /** An instance's endpoint: its deduplication is its own, in memory, so only the store keeps two from repeating. */
    private WebhookEndpoint endpoint(Runnable beforeEach) {
        return WebhookEndpoint.builder(Providers.exa()).name(endpointName).secret(SECRET)
                .onAny(event -> {
                    beforeEach.run();
                    handled.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
                })
                .build();
    }

    private void addEvents(int from, int to) {
        for (int i = from; i < to; i++) {
            events.add("event_%03d".formatted(i), "webset.idle", START.plus(Duration.ofMinutes(i)));
        }
    }

    private Optional<BackfillResult> backfill(JdbcPositionStore store, WebhookEndpoint endpoint) {
        return store.advance(endpointName, stored -> exa.backfill(endpoint,
                stored.orElse(EventPosition.since(START)), null, null));
    }

    @Test
    void twoInstancesAtOnceHandleEachOfFiftyEventsOnceInAllAndEndAtTheLastEvent() throws Exception {
        JdbcPositionStore storeA = store(database.a());
        JdbcPositionStore storeB = store(database.b());
        CountDownLatch aHoldsThePosition = new CountDownLatch(1);
        CountDownLatch bTried = new CountDownLatch(1);
        WebhookEndpoint endpointA = endpoint(() -> {
            aHoldsThePosition.countDown();
            await(bTried);
        });
        WebhookEndpoint endpointB = endpoint(() -> { });
        addEvents(0, 25);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // A runs and is held inside its first event while B tries: B finds the position held and skips
            Future<Optional<BackfillResult>> a = threads.submit(() -> backfill(storeA, endpointA));
            assertThat(aHoldsThePosition.await(10, TimeUnit.SECONDS)).isTrue();
            Optional<BackfillResult> b = backfill(storeB, endpointB);
            bTried.countDown();

            assertThat(b).isEmpty();
            assertThat(a.get(30, TimeUnit.SECONDS)).get().extracting(BackfillResult::handled).isEqualTo(25);
            assertThat(storeB.position(endpointName))
                    .contains(EventPosition.after(START.plus(Duration.ofMinutes(24)), "event_024"));

            // 25 more, and both instances running three times each, at once: whoever runs goes on from the last
            addEvents(25, 50);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Optional<BackfillResult>>>> runs = new ArrayList<>();
            for (Callable<Optional<BackfillResult>> run : List.<Callable<Optional<BackfillResult>>>of(
                    () -> backfill(storeA, endpointA), () -> backfill(storeB, endpointB))) {
                runs.add(threads.submit(() -> {
                    await(go);
                    List<Optional<BackfillResult>> results = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        results.add(run.call());
                    }
                    return results;
                }));
            }
            go.countDown();
            int handledAfterwards = 0;
            for (Future<List<Optional<BackfillResult>>> run : runs) {
                for (Optional<BackfillResult> result : run.get(60, TimeUnit.SECONDS)) {
                    handledAfterwards += result.map(BackfillResult::handled).orElse(0);
                    result.ifPresent(r -> assertThat(r.duplicate()).isZero());
                }
            }

            assertThat(handledAfterwards).isEqualTo(25);
            assertThat(handled).containsOnlyKeys(IntStream.range(0, 50).mapToObj("event_%03d"::formatted).toList());
            assertThat(handled.values()).allSatisfy(count -> assertThat(count).hasValue(1));
            assertThat(store(database.a()).position(endpointName))
                    .contains(EventPosition.after(START.plus(Duration.ofMinutes(49)), "event_049"));
        } finally {
            bTried.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aRestartedInstanceGoesOnFromTheStoredPosition() {
        addEvents(0, 10);
        assertThat(backfill(store(database.a()), endpoint(() -> { }))).get()
                .extracting(BackfillResult::handled).isEqualTo(10);
        addEvents(10, 13);
        handled.clear();

        // a new process: a new store object, a new pool, a new endpoint that remembers nothing
        List<Optional<EventPosition>> given = new ArrayList<>();
        Optional<BackfillResult> resumed = store(database.b()).advance(endpointName, stored -> {
            given.add(stored);
            return exa.backfill(endpoint(() -> { }), stored.orElseThrow(), null, null);
        });

        assertThat(given).containsExactly(Optional.of(EventPosition.after(START.plus(Duration.ofMinutes(9)),
                "event_009")));
        assertThat(server.requests().get(server.requests().size() - 1).queryFirst("createdAfter"))
                .isEqualTo("2026-04-01T00:09:00Z");
        assertThat(handled).containsOnlyKeys("event_010", "event_011", "event_012");
        assertThat(resumed).get().extracting(BackfillResult::duplicate).isEqualTo(0);
        assertThat(store(database.a()).position(endpointName))
                .contains(EventPosition.after(START.plus(Duration.ofMinutes(12)), "event_012"));
    }

    @Test
    void aFirstRunIsGivenNoPositionAndAStartTimeIsStoredAsOne() {
        List<Optional<EventPosition>> given = new ArrayList<>();
        JdbcPositionStore store = store(database.a());

        assertThat(store.position(endpointName)).isEmpty();
        store.advance(endpointName, stored -> {
            given.add(stored);
            return exa.backfill(endpoint(() -> { }), EventPosition.since(START.plusMillis(1)), null, null);
        });

        assertThat(given).containsExactly(Optional.empty());
        assertThat(store.position(endpointName)).contains(EventPosition.since(START.plusMillis(1)));
    }

    @Test
    void aRunThatThrowsStoresNothingAndLetsGoOfThePosition() {
        addEvents(0, 3);
        JdbcPositionStore store = store(database.a());
        backfill(store, endpoint(() -> { }));

        assertThatThrownBy(() -> store.advance(endpointName, stored -> {
            throw new IllegalStateException("the run broke");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the run broke");

        EventPosition reached = EventPosition.after(START.plus(Duration.ofMinutes(2)), "event_002");
        assertThat(store.position(endpointName)).contains(reached);
        assertThat(backfill(store(database.b()), endpoint(() -> { }))).get().extracting(BackfillResult::position)
                .isEqualTo(reached);
    }

    @Test
    void namesItsTable() {
        assertThat(store(database.a()).table()).isEqualTo(database.prefix() + "backfill_position");
        assertThat(JdbcPositionStore.create(database.a())).hasToString(
                "JdbcPositionStore[table=hookline_backfill_position]");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited 10 s for the other instance");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
