package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances (two pools) and 16 threads deliver every event several times, in random order: each event's
 * handler runs exactly once, and every delivery ends acquired-and-completed or completed.
 */
class ConcurrentClaimsTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final int THREADS = 16;
    private static final int EVENTS = 2_000;
    private static final int DELIVERIES = 10_000;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final long DELIVERY_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private static HikariDataSource instanceA;
    private static HikariDataSource instanceB;

    @BeforeAll
    static void createTables() {
        instanceA = TestDatabase.pool("concurrent-a", THREADS / 2);
        instanceB = TestDatabase.pool("concurrent-b", THREADS / 2);
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
    void everyEventIsHandledExactlyOnceAcrossTwoInstances() throws Exception {
        long seed = Long.getLong("hookline.test.seed", System.nanoTime());
        Random random = new Random(seed);
        List<Integer> deliveries = new ArrayList<>(DELIVERIES);
        for (int i = 0; i < DELIVERIES; i++) {
            deliveries.add(i % EVENTS);
        }
        Collections.shuffle(deliveries, random);
        List<JdbcDeduplicator> instances = List.of(
                JdbcDeduplicator.builder(instanceA).tablePrefix(PREFIX).build(),
                JdbcDeduplicator.builder(instanceB).tablePrefix(PREFIX).build());
        String run = UUID.randomUUID().toString();

        AtomicIntegerArray handled = new AtomicIntegerArray(EVENTS);
        AtomicInteger acquiredAndCompleted = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger waits = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();

        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < DELIVERIES; i = next.getAndIncrement()) {
                        int event = deliveries.get(i);
                        JdbcDeduplicator store = instances.get(i % 2);
                        EventKey key = new EventKey("concurrent", run + "-" + event);
                        long deadline = System.nanoTime() + DELIVERY_DEADLINE_NANOS;
                        while (true) {
                            Claim claim = store.claim(key, LEASE);
                            if (claim.status() == Claim.Status.ACQUIRED) {
                                handled.incrementAndGet(event);
                                if (store.complete(claim.lease(), null)) {
                                    acquiredAndCompleted.incrementAndGet();
                                } else {
                                    wrong.add("delivery " + i + ": complete refused");
                                }
                                break;
                            }
                            if (claim.status() == Claim.Status.COMPLETED) {
                                duplicates.incrementAndGet();
                                break;
                            }
                            if (claim.status() != Claim.Status.IN_PROGRESS || System.nanoTime() - deadline > 0) {
                                wrong.add("delivery " + i + ": " + claim.status());
                                break;
                            }
                            waits.incrementAndGet();
                            Thread.sleep(1); // the holder completes within milliseconds: ask again
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("%d deliveries of %d events on %d threads and 2 pools: %d ms, %d waits for a holder"
                + " (seed %d)%n", DELIVERIES, EVENTS, THREADS, millis, waits.get(), seed);

        assertThat(wrong).as("seed %d", seed).isEmpty();
        for (int event = 0; event < EVENTS; event++) {
            assertThat(handled.get(event)).as("handler runs of event %d (seed %d)", event, seed).isEqualTo(1);
        }
        assertThat(acquiredAndCompleted).hasValue(EVENTS);
        assertThat(duplicates).hasValue(DELIVERIES - EVENTS);
        assertThat(TestDatabase.count(instanceA, "SELECT count(*) FROM " + PREFIX + "deduplication"
                + " WHERE state = 'completed' AND starts_with(event_id, '" + run + "')")).isEqualTo(EVENTS);
    }

    @Test
    void ofSixteenClaimsAtTheSameMomentExactlyOneAcquiresANewEventOrAnExpiredLease() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
        List<JdbcDeduplicator> instances = List.of(
                JdbcDeduplicator.builder(instanceA).tablePrefix(PREFIX).clock(clock).build(),
                JdbcDeduplicator.builder(instanceB).tablePrefix(PREFIX).clock(clock).build());
        String run = UUID.randomUUID().toString();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 50; round++) {
                EventKey key = new EventKey("race", run + "-" + round);
                if (round % 2 == 1) {
                    // an abandoned lease, expired: the racers compete to take it over
                    assertThat(instances.get(0).claim(key, LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
                    clock.advance(LEASE);
                }
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Claim.Status>> claims = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    JdbcDeduplicator store = instances.get(t % 2);
                    claims.add(threads.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return store.claim(key, LEASE).status();
                    }));
                }
                Map<Claim.Status, Integer> answers = new EnumMap<>(Claim.Status.class);
                for (Future<Claim.Status> claim : claims) {
                    answers.merge(claim.get(30, TimeUnit.SECONDS), 1, Integer::sum);
                }

                assertThat(answers).as("round %d", round)
                        .containsExactly(Map.entry(Claim.Status.ACQUIRED, 1), Map.entry(Claim.Status.IN_PROGRESS, 15));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
