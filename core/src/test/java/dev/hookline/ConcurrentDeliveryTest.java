package dev.hookline;

import dev.hookline.delivery.Delivery;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Deduplication through the whole endpoint, with real threads. */
class ConcurrentDeliveryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final int THREADS = 16;

    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    private final WebhookSigner signer = WebhookSigner.of(Providers.standardWebhooks().scheme(), SECRET);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private Delivery delivery(String id) {
        byte[] body = "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-05-02T12:00:00Z\",\"data\":{\"n\":1}}"
                .getBytes(StandardCharsets.UTF_8);
        return Delivery.of(signer.headers(body, Instant.now(), id), body);
    }

    @Test
    void manyThreadsDeliveringTheSameEventRunItsHandlerOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.standardWebhooks()).secret(SECRET)
                .onAny(event -> {
                    runs.incrementAndGet();
                    inHandler.countDown();
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                })
                .build();
        Delivery delivery = delivery("msg_same");

        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            outcomes.add(executor.submit(() -> endpoint.receive(delivery)));
        }
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        // while the first delivery is in its handler, nobody has been answered yet
        assertThat(outcomes).allMatch(future -> !future.isDone());
        release.countDown();

        Map<Outcome.Status, Integer> counts = new ConcurrentHashMap<>();
        for (Future<Outcome> future : outcomes) {
            counts.merge(future.get(20, TimeUnit.SECONDS).status(), 1, Integer::sum);
        }
        assertThat(runs).hasValue(1);
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(Outcome.Status.ACCEPTED, 1, Outcome.Status.DUPLICATE, 49));
    }

    @Test
    void aFailedFirstDeliveryLetsAWaitingRedeliveryRunTheHandler() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.standardWebhooks()).secret(SECRET)
                .onAny(event -> {
                    if (runs.incrementAndGet() == 1) {
                        inHandler.countDown();
                        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                        throw new IllegalStateException("first attempt fails");
                    }
                })
                .build();
        Delivery delivery = delivery("msg_retry");

        Future<Outcome> first = executor.submit(() -> endpoint.receive(delivery));
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Outcome> second = executor.submit(() -> endpoint.receive(delivery));
        release.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(second.get(20, TimeUnit.SECONDS).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(runs).hasValue(2);
        assertThat(endpoint.receive(delivery).status()).isEqualTo(Outcome.Status.DUPLICATE);
    }

    @Test
    void distinctEventsFromManyThreadsAreEachHandledOnce() throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.standardWebhooks()).secret(SECRET)
                .onAny(event -> runs.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet())
                .build();

        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Delivery delivery = delivery("msg_" + i);
            outcomes.add(executor.submit(() -> endpoint.receive(delivery)));
            outcomes.add(executor.submit(() -> endpoint.receive(delivery)));
        }
        int accepted = 0;
        for (Future<Outcome> future : outcomes) {
            if (future.get(20, TimeUnit.SECONDS).status() == Outcome.Status.ACCEPTED) {
                accepted++;
            }
        }

        assertThat(accepted).isEqualTo(500);
        assertThat(runs).hasSize(500);
        assertThat(runs.values()).allMatch(count -> count.get() == 1);
    }
}
