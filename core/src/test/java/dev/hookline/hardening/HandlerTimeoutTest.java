package dev.hookline.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A hung handler holds its event only for the endpoint's handler budget. */
class HandlerTimeoutTest {

    private static final String SECRET = "exa_secret_0123456789";
    private static final Duration BUDGET = Duration.ofMillis(200);

    private static Delivery delivery() {
        byte[] body = "{\"id\":\"evt_hung\",\"type\":\"webset.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        return Delivery.of(WebhookSigner.of(Providers.exa().scheme(), SECRET).headers(body, java.time.Instant.now(), null),
                body);
    }

    @Test
    void aHandlerPastItsBudgetIsInterruptedAndItsEventIsFreeForTheRetry() {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(SECRET).handlerTimeout(BUDGET)
                .onAny(event -> {
                    if (calls.incrementAndGet() == 1) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            sawInterrupt.set(true);
                            throw e;
                        }
                    }
                })
                .build();

        Outcome first = endpoint.receive(delivery());

        assertThat(first.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(first.reason()).isEqualTo(DeliveryFailure.HANDLER_TIMED_OUT);
        assertThat(first.elapsed()).isLessThan(Duration.ofSeconds(30));
        assertThat(sawInterrupt).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is not left on the caller").isFalse();
        assertThat(endpoint.receive(delivery()).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(endpoint.receive(delivery()).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aHandlerThatIgnoresTheInterruptNoLongerBlocksItsEventAndCannotSettleItLate() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(SECRET).handlerTimeout(BUDGET)
                .duplicateWait(Duration.ZERO)
                .onAny(event -> {
                    if (calls.incrementAndGet() == 1) {
                        hung.countDown();
                        while (true) { // deaf to interrupts until the test lets go
                            try {
                                if (letGo.await(10, TimeUnit.MILLISECONDS)) {
                                    return;
                                }
                            } catch (InterruptedException ignored) {
                                // a careless handler swallows it
                            }
                        }
                    }
                })
                .build();
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> endpoint.receive(delivery()));
        assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();

        Outcome retry = waitForAnswerOtherThanInProgress(endpoint);
        letGo.countDown();
        Outcome late = first.get(10, TimeUnit.SECONDS);

        assertThat(retry.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(late.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(late.reason()).isEqualTo(DeliveryFailure.HANDLER_TIMED_OUT);
        assertThat(endpoint.receive(delivery()).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aHandlerWithinItsBudgetLeavesNoInterruptBehind() {
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(SECRET).handlerTimeout(BUDGET)
                .onAny(event -> { }).build();

        for (int i = 0; i < 1_000; i++) {
            byte[] body = ("{\"id\":\"evt_" + i + "\",\"type\":\"webset.created\",\"data\":{}}").getBytes(StandardCharsets.UTF_8);
            Outcome outcome = endpoint.receive(Delivery.of(WebhookSigner.of(Providers.exa().scheme(), SECRET)
                    .headers(body, java.time.Instant.now(), null), body));
            assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    /** Redelivers until the store stops answering in progress, within ten seconds. */
    private static Outcome waitForAnswerOtherThanInProgress(WebhookEndpoint endpoint) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Outcome outcome = endpoint.receive(delivery());
            if (outcome.reason() != DeliveryFailure.DELIVERY_IN_PROGRESS || System.nanoTime() > deadline) {
                return outcome;
            }
            Thread.sleep(20);
        }
    }
}
