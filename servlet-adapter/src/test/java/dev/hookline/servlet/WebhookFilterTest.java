package dev.hookline.servlet;

import static dev.hookline.servlet.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.WebhookEndpoint;
import dev.hookline.signature.SignatureFailure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookFilterTest {

    private static final int LIMIT = 4 * 1024;

    private final AtomicInteger handled = new AtomicInteger();

    private TestServer start() throws Exception {
        WebhookEndpoint endpoint = Deliveries.endpoint().onAny(event -> handled.incrementAndGet()).build();
        return TestServer.filter(endpoint, WebhookServletOptions.builder().maxBodySize(LIMIT).build());
    }

    @Test
    void anAuthenticDeliveryIsAcceptedByTheFilterWithoutContinuingTheChain() throws Exception {
        try (TestServer server = start()) {
            byte[] body = Deliveries.body("evt_filtered");

            HttpResponse<String> response = server.post(body, Deliveries.sign(body));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
            assertThat(handled).hasValue(1);
            assertThat(server.reachedBehind()).isZero();
        }
    }

    @Test
    void aRejectedDeliveryIsAnsweredByTheFilter() throws Exception {
        try (TestServer server = start()) {
            assertProblem(server.post(Deliveries.body("evt_unsigned"), Map.of()), 401, SignatureFailure.MISSING_SIGNATURE);
            assertThat(server.reachedBehind()).isZero();
        }
    }

    @Test
    void methodsOtherThanPostAre405WithAllowPost() throws Exception {
        try (TestServer server = start()) {
            HttpResponse<String> get = server.send(server.request().GET());
            HttpResponse<String> put = server.send(server.request().PUT(HttpRequest.BodyPublishers.ofString("{}")));

            for (HttpResponse<String> response : List.of(get, put)) {
                assertProblem(response, 405, RequestFailure.METHOD_NOT_ALLOWED);
                assertThat(response.headers().allValues("Allow")).containsExactly("POST");
            }
            assertThat(handled).hasValue(0);
            assertThat(server.reachedBehind()).isZero();
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        try (TestServer server = start()) {
            byte[] body = Deliveries.bodyOfSize("evt_too_big", LIMIT + 1);
            Map<String, String> declared = new LinkedHashMap<>(Deliveries.sign(body));
            declared.put("Content-Length", Integer.toString(body.length));

            HttpResponse<String> withLength = server.post(body, Deliveries.sign(body));
            HttpResponse<String> chunked = server.send(TestServer.withHeaders(server.request(), Deliveries.sign(body))
                    .POST(BodyLimitTest.chunked(body)));
            String headOnly = server.raw(TestServer.rawHead(declared), false);

            assertProblem(withLength, 413, RequestFailure.BODY_TOO_LARGE);
            assertProblem(chunked, 413, RequestFailure.BODY_TOO_LARGE);
            assertThat(headOnly).startsWith("HTTP/1.1 413 ");
            assertThat(handled).hasValue(0);
            assertThat(server.reachedBehind()).isZero();
        }
    }

    @Test
    void requestsOutsideTheFiltersMappingPassBy() throws Exception {
        try (TestServer server = start()) {
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/elsewhere"))
                    .timeout(TestServer.TIMEOUT).GET());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("behind");
            assertThat(server.reachedBehind()).isEqualTo(1);
        }
    }
}
