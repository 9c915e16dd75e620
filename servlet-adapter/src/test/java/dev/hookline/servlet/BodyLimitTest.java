package dev.hookline.servlet;

import static dev.hookline.servlet.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.WebhookEndpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BodyLimitTest {

    private static final int LIMIT = 4 * 1024;

    private final AtomicInteger handled = new AtomicInteger();

    private WebhookEndpoint countingEndpoint() {
        return Deliveries.endpoint().onAny(event -> handled.incrementAndGet()).build();
    }

    private static WebhookServletOptions limit(int bytes) {
        return WebhookServletOptions.builder().maxBodySize(bytes).build();
    }

    /** A body publisher of unknown length: the client sends it chunked. */
    static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_exact", LIMIT);

            assertThat(server.post(body, Deliveries.sign(body)).statusCode()).isEqualTo(204);
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsAccepted() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_exact_chunked", LIMIT);

            HttpResponse<String> response = server.send(
                    TestServer.withHeaders(server.request(), Deliveries.sign(body)).POST(chunked(body)));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aChunkedBodyJustUnderTheLimitIsAccepted() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_under", LIMIT - 1);

            HttpResponse<String> response = server.send(
                    TestServer.withHeaders(server.request(), Deliveries.sign(body)).POST(chunked(body)));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aChunkedBodyJustOverTheLimitIsCutOffWith413() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_over", LIMIT + 1);

            HttpResponse<String> response = server.send(
                    TestServer.withHeaders(server.request(), Deliveries.sign(body)).POST(chunked(body)));

            assertProblem(response, 413, RequestFailure.BODY_TOO_LARGE);
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_declared_over", LIMIT + 1);

            assertProblem(server.post(body, Deliveries.sign(body)), 413, RequestFailure.BODY_TOO_LARGE);
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnsweredBeforeAnyOfTheBodyArrives() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_never_sent", LIMIT + 1);
            Map<String, String> headers = new LinkedHashMap<>(Deliveries.sign(body));
            headers.put("Content-Length", Integer.toString(body.length));

            // only the head is sent: a server that tried to read the body would wait for it until the deadline
            String response = server.raw(TestServer.rawHead(headers), false);

            assertThat(response).startsWith("HTTP/1.1 413 ").contains("\"reason\":\"body_too_large\"");
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnsweredWithoutAskingFor100Continue() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_expecting", LIMIT + 1);
            Map<String, String> headers = new LinkedHashMap<>(Deliveries.sign(body));
            headers.put("Content-Length", Integer.toString(body.length));
            headers.put("Expect", "100-continue");

            String response = server.raw(TestServer.rawHead(headers), false);

            assertThat(response).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue");
            assertThat(TestServer.closesConnection(response)).as("the body it never sent cannot follow").isTrue();
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aBodyWithinTheLimitIsAskedForWith100Continue() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_continue", LIMIT);

            HttpResponse<String> response = server.send(TestServer.withHeaders(server.request(), Deliveries.sign(body))
                    .expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void theDefaultLimitIsOneMebibyte() throws Exception {
        int mebibyte = 1024 * 1024;
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            byte[] exact = Deliveries.bodyOfSize("evt_mebibyte", mebibyte);
            byte[] over = Deliveries.bodyOfSize("evt_mebibyte_plus_one", mebibyte + 1);

            HttpResponse<String> accepted = server.post(exact, Deliveries.sign(exact));
            HttpResponse<String> refused = server.send(
                    TestServer.withHeaders(server.request(), Deliveries.sign(over)).POST(chunked(over)));
            String declaredOver = server.raw(TestServer.rawHead(Map.of("Content-Length", Integer.toString(mebibyte + 1))), false);

            assertThat(accepted.statusCode()).isEqualTo(204);
            assertProblem(refused, 413, RequestFailure.BODY_TOO_LARGE);
            assertThat(declaredOver).startsWith("HTTP/1.1 413 ");
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aBodyCutShortByTheClientIs400() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint(), limit(LIMIT))) {
            byte[] body = Deliveries.body("evt_truncated");
            Map<String, String> headers = new LinkedHashMap<>(Deliveries.sign(body));
            headers.put("Content-Length", Integer.toString(body.length));
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(TestServer.rawHead(headers));
            request.write(body, 0, body.length / 2);

            String response = server.raw(request.toByteArray(), true);

            assertThat(response).startsWith("HTTP/1.1 400 ").contains("\"reason\":\"incomplete_body\"");
            assertThat(handled).hasValue(0);
        }
    }
}
