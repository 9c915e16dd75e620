package dev.hookline.servlet;

import static dev.hookline.servlet.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.WebhookEndpoint;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefusalListenerTest {

    private static final int LIMIT = 4 * 1024;

    private final List<String> refusals = new ArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();

    private WebhookEndpoint endpoint() {
        return Deliveries.endpoint().name("exa-refusals").onAny(event -> handled.incrementAndGet()).build();
    }

    private WebhookServletOptions recording() {
        return WebhookServletOptions.builder().maxBodySize(LIMIT)
                .refusalObserver((endpoint, failure) -> {
                    synchronized (refusals) {
                        refusals.add(endpoint + ":" + failure.code());
                    }
                })
                .build();
    }

    private List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    @Test
    void everyRequestAnsweredBeforeTheEndpointIsReportedWithItsEndpointAndReason() throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), recording())) {
            byte[] over = Deliveries.bodyOfSize("evt_over", LIMIT + 1);
            byte[] truncated = Deliveries.body("evt_truncated");
            Map<String, String> declared = new LinkedHashMap<>(Deliveries.sign(truncated));
            declared.put("Content-Length", Integer.toString(truncated.length));
            ByteArrayOutputStream cutShort = new ByteArrayOutputStream();
            cutShort.write(TestServer.rawHead(declared));
            cutShort.write(truncated, 0, truncated.length / 2);

            assertProblem(server.send(server.request().GET()), 405, RequestFailure.METHOD_NOT_ALLOWED);
            assertProblem(server.post(over, Deliveries.sign(over)), 413, RequestFailure.BODY_TOO_LARGE);
            assertProblem(server.send(TestServer.withHeaders(server.request(), Deliveries.sign(over))
                    .POST(BodyLimitTest.chunked(over))), 413, RequestFailure.BODY_TOO_LARGE);
            assertThat(server.raw(cutShort.toByteArray(), true)).startsWith("HTTP/1.1 400 ");

            assertThat(refusals()).containsExactly("exa-refusals:method_not_allowed", "exa-refusals:body_too_large",
                    "exa-refusals:body_too_large", "exa-refusals:incomplete_body");
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void deliveriesThatReachTheEndpointAreNotRefusals() throws Exception {
        try (TestServer server = TestServer.filter(endpoint(), recording())) {
            byte[] body = Deliveries.body("evt_delivered");

            assertThat(server.post(body, Deliveries.sign(body)).statusCode()).isEqualTo(204);
            assertThat(server.post(body, Deliveries.signWithOtherSecret(body)).statusCode()).isEqualTo(401);
            assertThat(server.post(new byte[] {'{'}, Deliveries.sign(new byte[] {'{'})).statusCode()).isEqualTo(400);

            assertThat(refusals()).isEmpty();
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aFailingListenerDoesNotChangeTheResponse() throws Exception {
        WebhookServletOptions options = WebhookServletOptions.builder()
                .refusalObserver((endpoint, failure) -> {
                    throw new IllegalStateException("metrics backend down");
                })
                .build();
        try (TestServer server = TestServer.servlet(endpoint(), options)) {
            var response = server.send(server.request().PUT(HttpRequest.BodyPublishers.ofString("{}")));

            assertProblem(response, 405, RequestFailure.METHOD_NOT_ALLOWED);
            assertThat(response.headers().allValues("Allow")).containsExactly("POST");
        }
    }

    @Test
    void thereIsNoListenerByDefault() {
        assertThat(WebhookServletOptions.defaults().refusalObserver()).isNull();
    }
}
