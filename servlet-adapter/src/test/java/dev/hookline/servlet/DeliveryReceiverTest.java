package dev.hookline.servlet;

import static dev.hookline.servlet.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Acceptance;
import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Reason;
import dev.hookline.signature.SignatureFailure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Another receiver takes the endpoint's place for whole bodies, and its outcome is answered by the same policy. */
class DeliveryReceiverTest {

    private static final Reason STORE_DOWN = new Reason() {
        @Override
        public String code() {
            return "store_unavailable";
        }

        @Override
        public String description() {
            return "The store is unavailable; retry later.";
        }
    };

    private final AtomicInteger handled = new AtomicInteger();

    private WebhookEndpoint endpoint() {
        return Deliveries.endpoint().onAny(event -> handled.incrementAndGet()).build();
    }

    @Test
    void aReceiverThatStoresAnswers204WithoutRunningTheHandlersAndItsRefusalsAsTheEndpointWould() throws Exception {
        List<String> stored = new CopyOnWriteArrayList<>();
        DeliveryReceiver storing = (endpoint, delivery, receivedAt) -> {
            Acceptance acceptance = endpoint.accept(delivery, receivedAt);
            if (acceptance instanceof Acceptance.Verified verified) {
                stored.add(verified.event().id());
                return new Outcome(endpoint.name(), Outcome.Status.ACCEPTED, null, verified.event().id(),
                        verified.event().type(), 0, null, Duration.ZERO);
            }
            return ((Acceptance.Rejected) acceptance).outcome();
        };
        WebhookServletOptions options = WebhookServletOptions.builder().receiver(storing).build();

        for (boolean filter : new boolean[] {false, true}) {
            try (TestServer server = filter ? TestServer.filter(endpoint(), options) : TestServer.servlet(endpoint(), options)) {
                byte[] body = Deliveries.body("evt_stored_" + filter);
                assertThat(server.post(body, Deliveries.sign(body)).statusCode()).isEqualTo(204);
                assertProblem(server.post(body, Deliveries.signWithOtherSecret(body)), 401,
                        SignatureFailure.NO_MATCHING_SIGNATURE);
            }
        }
        assertThat(stored).containsExactly("evt_stored_false", "evt_stored_true");
        assertThat(handled).hasValue(0);
        assertThat(options.receiver()).isSameAs(storing);
        assertThat(options.toBuilder().build().receiver()).as("kept by toBuilder").isSameAs(storing);
    }

    @Test
    void aReceiverThatCannotStoreIsAnswered503WithRetryAfter() throws Exception {
        DeliveryReceiver down = (endpoint, delivery, receivedAt) -> new Outcome(endpoint.name(), Outcome.Status.FAILED,
                STORE_DOWN, null, null, 0, new IllegalStateException("connection refused"), Duration.ZERO);
        WebhookServletOptions options = WebhookServletOptions.builder().receiver(down).retryAfter(Duration.ofSeconds(7))
                .logFailures(false).build();

        try (TestServer server = TestServer.servlet(endpoint(), options)) {
            byte[] body = Deliveries.body("evt_down");
            HttpResponse<String> response = server.post(body, Deliveries.sign(body));

            assertProblem(response, 503, STORE_DOWN);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(response.body()).doesNotContain("connection refused", Deliveries.PAYLOAD_MARKER);
        }
    }

    @Test
    void theDefaultIsTheEndpointItself() throws Exception {
        assertThat(WebhookServletOptions.defaults().receiver()).isSameAs(DeliveryReceiver.direct());
        assertThat(DeliveryReceiver.direct()).hasToString("DeliveryReceiver.direct()");
        try (TestServer server = TestServer.servlet(endpoint())) {
            byte[] body = Deliveries.body("evt_direct");
            assertThat(server.post(body, Deliveries.sign(body)).statusCode()).isEqualTo(204);
        }
        assertThat(handled).hasValue(1);
    }
}
