package dev.hookline.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.event.WebhookEvent;
import dev.hookline.routing.WebhookListener;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Nothing a handler or an outcome observer throws escapes {@code receive}, but for the JVM's own failures. */
class HandlerThrowableTest {

    private static final String SECRET = "exa_secret_0123456789";
    private static final String PAYLOAD_MARK = "payload-only-text";

    private static Delivery delivery() {
        byte[] body = ("{\"id\":\"evt_1\",\"type\":\"webset.created\",\"data\":{\"note\":\"" + PAYLOAD_MARK + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        return Delivery.of(WebhookSigner.of(Providers.exa().scheme(), SECRET).headers(body, Instant.now(), null), body);
    }

    @Test
    void anAssertionErrorFromAHandlerIsAFailedDeliveryThatTheRetryRunsAgain() {
        AtomicInteger calls = new AtomicInteger();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(SECRET)
                .onAny(event -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new AssertionError("expected " + event.data());
                    }
                })
                .build();

        Outcome outcome = endpoint.receive(delivery());

        assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(outcome.reason()).isEqualTo(DeliveryFailure.HANDLER_FAILED);
        assertThat(outcome.failure()).isInstanceOf(AssertionError.class);
        assertThat(outcome.toString()).doesNotContain(PAYLOAD_MARK);
        assertThat(endpoint.receive(delivery()).status()).isEqualTo(Outcome.Status.ACCEPTED);
    }

    static final class ThrowingListener {
        @WebhookListener("webset.created")
        void onCreated(WebhookEvent event) {
            throw new LinkageError("broken class path");
        }
    }

    @Test
    void anErrorFromAListenerMethodIsAFailedDelivery() {
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(SECRET)
                .listener(new ThrowingListener()).build();

        Outcome outcome = endpoint.receive(delivery());

        assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(outcome.failure()).isInstanceOf(LinkageError.class);
    }

    @Test
    void aVirtualMachineErrorIsRethrownAndTheEventIsReleased() {
        AtomicInteger calls = new AtomicInteger();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(SECRET)
                .onAny(event -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new OutOfMemoryError("simulated");
                    }
                })
                .build();

        assertThatThrownBy(() -> endpoint.receive(delivery())).isInstanceOf(OutOfMemoryError.class);
        assertThat(endpoint.receive(delivery()).status()).isEqualTo(Outcome.Status.ACCEPTED);
    }

    @Test
    void anOutcomeListenerThatThrowsAnErrorChangesNothing() {
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(SECRET)
                .onAny(event -> { })
                .outcomeObserver(outcome -> {
                    throw new AssertionError("listener bug");
                })
                .build();

        assertThat(endpoint.receive(delivery()).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(endpoint.receive(delivery()).status()).isEqualTo(Outcome.Status.DUPLICATE);
    }
}
