package dev.hookline.servlet;

import static dev.hookline.servlet.TestServer.assertProblem;
import static dev.hookline.servlet.TestServer.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.WebhookEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A refused body is read and discarded up to a bound (RFC 9112, section 9.6), so that a client still sending it
 * gets the 413 rather than a reset connection; past the bound the answer closes the connection instead.
 */
class RefusedBodyTest {

    private static final int LIMIT = 4 * 1024;

    private static final int POSTS = 300;

    private final AtomicInteger handled = new AtomicInteger();

    private WebhookEndpoint endpoint() {
        return Deliveries.endpoint().onAny(event -> handled.incrementAndGet()).build();
    }

    private static WebhookServletOptions limit(long maxDrainSize) {
        return WebhookServletOptions.builder().maxBodySize(LIMIT).maxDrainSize(maxDrainSize).build();
    }

    @Test
    void everyOverLimitPostWithinTheDrainBoundGetsExactlyA413() throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), limit(WebhookServletOptions.DEFAULT_MAX_DRAIN_SIZE))) {
            assertEveryPostIsRefused(server, false);
        }
    }

    @Test
    void everyChunkedOverLimitPostWithinTheDrainBoundGetsExactlyA413() throws Exception {
        try (TestServer server = TestServer.filter(endpoint(), limit(WebhookServletOptions.DEFAULT_MAX_DRAIN_SIZE))) {
            assertEveryPostIsRefused(server, true);
        }
    }

    @Test
    void withoutAsyncSupportEveryOverLimitPostGetsExactlyA413Too() throws Exception {
        try (TestServer server = TestServer.blockingServlet(endpoint(),
                limit(WebhookServletOptions.DEFAULT_MAX_DRAIN_SIZE))) {
            assertEveryPostIsRefused(server, false);
        }
    }

    @Test
    void everyPutWithABodyGetsExactlyA405AndTheConnectionStaysOpen() throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), limit(WebhookServletOptions.DEFAULT_MAX_DRAIN_SIZE))) {
            byte[] body = Deliveries.bodyOfSize("evt_put", 64 * 1024);
            List<String> failures = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < POSTS; i++) {
                try {
                    HttpResponse<String> response = server.send(server.request()
                            .method(i % 2 == 0 ? "PUT" : "DELETE", HttpRequest.BodyPublishers.ofByteArray(body)));
                    assertProblem(response, 405, RequestFailure.METHOD_NOT_ALLOWED);
                    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
                    assertThat(response.headers().firstValue("Connection")).as("kept open").isEmpty();
                    refused++;
                } catch (IOException e) {
                    failures.add(i + ": " + e);
                }
            }

            assertThat(failures).as("requests that got no answer").isEmpty();
            assertThat(refused).isEqualTo(POSTS);
            assertThat(handled).hasValue(0);
        }
    }

    /** Posts 256 KiB bodies, 64 times the limit: the client is still sending when the server has decided. */
    private void assertEveryPostIsRefused(TestServer server, boolean chunked) throws Exception {
        byte[] body = Deliveries.bodyOfSize("evt_over_limit", 256 * 1024);
        Map<String, String> signature = Deliveries.sign(body);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < POSTS; i++) {
            try {
                HttpRequest.BodyPublisher publisher = chunked
                        ? BodyLimitTest.chunked(body) : HttpRequest.BodyPublishers.ofByteArray(body);
                HttpResponse<String> response = server.send(TestServer.withHeaders(server.request(), signature)
                        .POST(publisher));
                assertProblem(response, 413, RequestFailure.BODY_TOO_LARGE);
                assertThat(response.headers().firstValue("Connection")).as("kept open").isEmpty();
                refused++;
            } catch (IOException e) {
                failures.add(i + ": " + e);
            }
        }

        assertThat(failures).as("posts that got no answer").isEmpty();
        assertThat(refused).isEqualTo(POSTS);
        assertThat(handled).hasValue(0);
    }

    @Test
    void aDeclaredBodyWithinTheDrainBoundIsAnsweredThenDiscardedAndTheConnectionServesTheNextRequest()
            throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), limit(8 * LIMIT))) {
            byte[] refused = Deliveries.bodyOfSize("evt_refused", 4 * LIMIT);
            byte[] next = Deliveries.body("evt_next");

            try (Socket socket = server.connect()) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(head(refused, true));
                out.flush();
                // answered before any of the body is sent
                String first = TestServer.readResponse(in);
                out.write(refused);
                out.write(head(next, true));
                out.write(next);
                out.flush();
                String second = TestServer.readResponse(in);

                assertRawProblem(first, 413, RequestFailure.BODY_TOO_LARGE);
                assertThat(TestServer.closesConnection(first)).isFalse();
                assertThat(second).startsWith("HTTP/1.1 204 ");
            }
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aDeclaredBodyOverTheDrainBoundIsAnsweredWithConnectionCloseAndNeverRead() throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), limit(2 * LIMIT))) {
            byte[] body = Deliveries.bodyOfSize("evt_far_too_large", 3 * LIMIT);

            try (Socket socket = server.connect()) {
                socket.getOutputStream().write(head(body, true));
                socket.getOutputStream().flush();
                String response = TestServer.readResponse(socket.getInputStream());

                assertRawProblem(response, 413, RequestFailure.BODY_TOO_LARGE);
                assertThat(TestServer.closesConnection(response)).isTrue();
                assertThat(socket.getInputStream().read()).as("the server ends the connection").isEqualTo(-1);
            }
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIsDiscardedToItsEndAndTheConnectionServesTheNextRequest() throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), limit(8 * LIMIT))) {
            byte[] refused = Deliveries.bodyOfSize("evt_chunked_refused", 3 * LIMIT);
            byte[] next = Deliveries.body("evt_after_chunked");

            try (Socket socket = server.connect()) {
                OutputStream out = socket.getOutputStream();
                out.write(head(refused, false));
                out.write(chunk(refused, 0, LIMIT));
                out.write(chunk(refused, LIMIT, refused.length - LIMIT));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.write(head(next, true));
                out.write(next);
                out.flush();
                InputStream in = socket.getInputStream();
                String first = TestServer.readResponse(in);
                String second = TestServer.readResponse(in);

                assertRawProblem(first, 413, RequestFailure.BODY_TOO_LARGE);
                assertThat(TestServer.closesConnection(first)).isFalse();
                assertThat(second).startsWith("HTTP/1.1 204 ");
            }
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aChunkedBodyPastTheDrainBoundIsAnsweredWithConnectionClose() throws Exception {
        int maxDrain = 1024;
        try (TestServer server = TestServer.servlet(endpoint(), limit(maxDrain))) {
            byte[] body = Deliveries.bodyOfSize("evt_chunked_far_too_large", 16 * LIMIT);

            try (Socket socket = server.connect()) {
                OutputStream out = socket.getOutputStream();
                out.write(head(body, false));
                // one chunk announced whole, of which exactly enough is sent to pass the limit and then the bound,
                // so that nothing sent is left unread when the server closes
                int sent = LIMIT + 1 + maxDrain + 1;
                out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, sent);
                out.flush();
                String response = TestServer.readResponse(socket.getInputStream());

                assertRawProblem(response, 413, RequestFailure.BODY_TOO_LARGE);
                assertThat(TestServer.closesConnection(response)).isTrue();
            }
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aRefusedBodyIsNotReadAtAllWhenTheDrainBoundIsZero() throws Exception {
        try (TestServer server = TestServer.servlet(endpoint(), limit(0))) {
            byte[] body = Deliveries.bodyOfSize("evt_no_drain", LIMIT + 1);

            try (Socket socket = server.connect()) {
                socket.getOutputStream().write(head(body, true));
                socket.getOutputStream().flush();
                String response = TestServer.readResponse(socket.getInputStream());

                assertRawProblem(response, 413, RequestFailure.BODY_TOO_LARGE);
                assertThat(TestServer.closesConnection(response)).isTrue();
            }
        }
    }

    /** The head of a signed delivery of {@code body}, with its length declared or chunked. */
    private static byte[] head(byte[] body, boolean declared) {
        Map<String, String> headers = new LinkedHashMap<>(Deliveries.sign(body));
        if (declared) {
            headers.put("Content-Length", Integer.toString(body.length));
        } else {
            headers.put("Transfer-Encoding", "chunked");
        }
        return TestServer.rawHead(headers);
    }

    private static byte[] chunk(byte[] body, int offset, int length) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        chunk.write(body, offset, length);
        chunk.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return chunk.toByteArray();
    }
}
