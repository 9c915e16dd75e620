package dev.hookline.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.dedupe.Lease;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final long DEADLINE_SECONDS = TestServer.TIMEOUT.toSeconds();

    @Test
    void distinctDeliveriesFromManyThreadsAreEachHandledExactlyOnce() throws Exception {
        int deliveries = 200;
        Map<String, AtomicInteger> runsPerId = new ConcurrentHashMap<>();
        WebhookEndpoint endpoint = Deliveries.endpoint()
                .onAny(event -> runsPerId.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet())
                .build();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try (TestServer server = TestServer.servlet(endpoint)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                byte[] body = Deliveries.body("evt_parallel_" + i);
                statuses.add(senders.submit(() -> server.post(body, Deliveries.sign(body)).statusCode()));
            }

            for (Future<Integer> status : statuses) {
                assertThat(status.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo(204);
            }
            assertThat(runsPerId).hasSize(deliveries);
            assertThat(runsPerId.values()).allSatisfy(runs -> assertThat(runs).hasValue(1));
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void concurrentRedeliveriesRunTheHandlerOnceAndAllAnswer204OnlyAfterItCompletes() throws Exception {
        int redeliveries = 20;
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch claims = new CountDownLatch(redeliveries);
        Deduplicator deduplicator = countingClaims(InMemoryDeduplicator.create(), claims);
        WebhookEndpoint endpoint = Deliveries.endpoint()
                .deduplicator(deduplicator)
                .duplicateWait(TestServer.TIMEOUT) // the redeliveries wait for the first rather than answer 503
                .onAny(event -> {
                    runs.incrementAndGet();
                    inHandler.countDown();
                    if (!release.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                })
                .build();
        try (TestServer server = TestServer.servlet(endpoint)) {
            byte[] body = Deliveries.body("evt_redelivered");
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < redeliveries; i++) {
                responses.add(server.postAsync(body, Deliveries.sign(body)));
            }

            // every delivery has claimed the id: one is in the handler, the others wait on it
            assertThat(inHandler.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(claims.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(responses).noneMatch(CompletableFuture::isDone);

            release.countDown();

            for (CompletableFuture<HttpResponse<String>> response : responses) {
                HttpResponse<String> answered = response.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
                assertThat(answered.statusCode()).isEqualTo(204);
                assertThat(answered.body()).isEmpty();
            }
            assertThat(runs).hasValue(1);
        }
    }

    /** Counts down {@code claims} as deliveries claim the event (a waiting redelivery claims again and again). */
    private static Deduplicator countingClaims(Deduplicator delegate, CountDownLatch claims) {
        return new Deduplicator() {
            @Override
            public Claim claim(EventKey key, Duration lease) {
                claims.countDown();
                return delegate.claim(key, lease);
            }

            @Override
            public boolean complete(Lease lease, Instant keepUntil) {
                return delegate.complete(lease, keepUntil);
            }

            @Override
            public boolean release(Lease lease) {
                return delegate.release(lease);
            }
        };
    }
}
