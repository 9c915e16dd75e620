package dev.hookline.servlet;

import static dev.hookline.servlet.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.DeliveryFailure;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.Lease;
import dev.hookline.event.PayloadFailure;
import dev.hookline.signature.SignatureFailure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class WebhookServletTest {

    private final AtomicInteger handled = new AtomicInteger();

    private WebhookEndpoint countingEndpoint() {
        return Deliveries.endpoint().onAny(event -> handled.incrementAndGet()).build();
    }

    @Test
    void anAuthenticDeliveryIsAcceptedWith204AndNoBody() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            byte[] body = Deliveries.body("evt_accepted");

            HttpResponse<String> response = server.post(body, Deliveries.sign(body));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).isEmpty();
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aRedeliveryIsAcknowledgedWith204WithoutRunningTheHandlerAgain() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            byte[] body = Deliveries.body("evt_twice");

            HttpResponse<String> first = server.post(body, Deliveries.sign(body));
            HttpResponse<String> second = server.post(body, Deliveries.sign(body));

            assertThat(first.statusCode()).isEqualTo(204);
            assertThat(second.statusCode()).isEqualTo(204);
            assertThat(second.body()).isEmpty();
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aMissingSignatureIs401() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            HttpResponse<String> response = server.post(Deliveries.body("evt_unsigned"), Map.of());

            assertProblem(response, 401, SignatureFailure.MISSING_SIGNATURE);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as("RFC 9110: a 401 carries a challenge")
                    .hasValue("Signature realm=\"webhooks\"");
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aMalformedSignatureIs401() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            HttpResponse<String> response = server.post(Deliveries.body("evt_garbled"),
                    Map.of("Exa-Signature", "not a signature"));

            assertProblem(response, 401, SignatureFailure.MALFORMED_SIGNATURE);
            assertThat(response.body()).doesNotContain("not a signature");
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aSignatureUnderAnotherSecretIs401() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            byte[] body = Deliveries.body("evt_forged");

            HttpResponse<String> response = server.post(body, Deliveries.signWithOtherSecret(body));

            assertProblem(response, 401, SignatureFailure.NO_MATCHING_SIGNATURE);
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aTamperedBodyIs401() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            byte[] body = Deliveries.body("evt_tampered");
            Map<String, String> signature = Deliveries.sign(body);
            body[body.length - 3] ^= 1;

            assertProblem(server.post(body, signature), 401, SignatureFailure.NO_MATCHING_SIGNATURE);
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aStaleTimestampIs401() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            byte[] body = Deliveries.body("evt_replayed");

            HttpResponse<String> response = server.post(body, Deliveries.sign(body, Instant.now().minus(Duration.ofMinutes(10))));

            assertProblem(response, 401, SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void anEventTimeOutsideTheEndpointsMaximumAgeIs401() throws Exception {
        WebhookEndpoint endpoint = Deliveries.endpoint().maxEventAge(Duration.ofMinutes(1))
                .onAny(event -> handled.incrementAndGet()).build();
        try (TestServer server = TestServer.servlet(endpoint)) {
            byte[] body = new String(Deliveries.body("evt_old"), StandardCharsets.UTF_8)
                    .replaceAll("\"createdAt\":\"[^\"]+\"", "\"createdAt\":\"2020-01-01T00:00:00Z\"")
                    .getBytes(StandardCharsets.UTF_8);

            assertProblem(server.post(body, Deliveries.sign(body)), 401, PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void anAuthenticBodyThatIsNotJsonIs400() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            byte[] body = ("not json, " + Deliveries.PAYLOAD_MARKER).getBytes(StandardCharsets.UTF_8);

            assertProblem(server.post(body, Deliveries.sign(body)), 400, PayloadFailure.NOT_JSON);
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void methodsOtherThanPostAre405WithAllowPost() throws Exception {
        try (TestServer server = TestServer.servlet(countingEndpoint())) {
            byte[] body = Deliveries.body("evt_put");
            List<HttpResponse<String>> responses = List.of(
                    server.send(server.request().GET()),
                    server.send(TestServer.withHeaders(server.request(), Deliveries.sign(body))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))),
                    server.send(server.request().DELETE()));

            for (HttpResponse<String> response : responses) {
                assertProblem(response, 405, RequestFailure.METHOD_NOT_ALLOWED);
                assertThat(response.headers().allValues("Allow")).containsExactly("POST");
            }
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aFailingHandlerIs500AndTheSendersRetryRunsItAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        WebhookEndpoint endpoint = Deliveries.endpoint().onAny(event -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database down, " + Deliveries.SECRET);
            }
        }).build();
        try (TestServer server = TestServer.servlet(endpoint)) {
            byte[] body = Deliveries.body("evt_retried");

            HttpResponse<String> first = server.post(body, Deliveries.sign(body));
            HttpResponse<String> retry = server.post(body, Deliveries.sign(body));

            assertProblem(first, 500, DeliveryFailure.HANDLER_FAILED);
            assertThat(first.body()).doesNotContain("database down", "IllegalStateException");
            assertThat(retry.statusCode()).isEqualTo(204);
            assertThat(attempts).hasValue(2);
        }
    }

    @Test
    void aRedeliveryWhileTheFirstIsStillRunningIs503WithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebhookEndpoint endpoint = Deliveries.endpoint()
                .duplicateWait(Duration.ofMillis(50))
                .onAny(event -> {
                    entered.countDown();
                    release.await(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                })
                .build();
        WebhookServletOptions options = WebhookServletOptions.builder().retryAfter(Duration.ofSeconds(7)).build();
        try (TestServer server = TestServer.servlet(endpoint, options)) {
            byte[] body = Deliveries.body("evt_busy");
            CompletableFuture<HttpResponse<String>> first = server.postAsync(body, Deliveries.sign(body));
            assertThat(entered.await(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> redelivery = server.post(body, Deliveries.sign(body));
            release.countDown();

            assertProblem(redelivery, 503, DeliveryFailure.DELIVERY_IN_PROGRESS);
            assertThat(redelivery.headers().allValues("Retry-After")).containsExactly("7");
            assertThat(first.get(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void anUnavailableDeduplicatorIs503WithTheDefaultRetryAfter() throws Exception {
        Deduplicator broken = new Deduplicator() {
            @Override
            public Claim claim(EventKey key, Duration lease) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public boolean complete(Lease lease, Instant keepUntil) {
                return false;
            }

            @Override
            public boolean release(Lease lease) {
                return false;
            }
        };
        WebhookEndpoint endpoint = Deliveries.endpoint().deduplicator(broken)
                .onAny(event -> handled.incrementAndGet()).build();
        try (TestServer server = TestServer.servlet(endpoint)) {
            byte[] body = Deliveries.body("evt_no_store");

            HttpResponse<String> response = server.post(body, Deliveries.sign(body));

            assertProblem(response, 503, DeliveryFailure.DEDUPLICATION_UNAVAILABLE);
            assertThat(response.headers().allValues("Retry-After")).containsExactly("10");
            assertThat(response.body()).doesNotContain("store unreachable");
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void aHandlerFailureIsLoggedWithItsEventButWithoutThePayload() throws Exception {
        IllegalStateException failure = new IllegalStateException("downstream unavailable");
        WebhookEndpoint endpoint = Deliveries.endpoint().name("exa-test").onAny(event -> {
            throw failure;
        }).build();
        List<LogRecord> records;
        try (TestServer server = TestServer.servlet(endpoint); LogCapture log = new LogCapture()) {
            byte[] body = Deliveries.body("evt_logged");

            assertThat(server.post(body, Deliveries.sign(body)).statusCode()).isEqualTo(500);
            records = log.records();
        }

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getThrown()).isSameAs(failure);
            assertThat(record.getMessage())
                    .contains("exa-test", Deliveries.TYPE, "evt_logged", "handler_failed")
                    .doesNotContain(Deliveries.PAYLOAD_MARKER, Deliveries.SECRET, "Exa-Signature");
        });
    }

    @Test
    void failureLoggingCanBeLeftToTheApplication() throws Exception {
        WebhookEndpoint endpoint = Deliveries.endpoint().onAny(event -> {
            throw new IllegalStateException("reported elsewhere");
        }).build();
        WebhookServletOptions options = WebhookServletOptions.builder().logFailures(false).build();
        try (TestServer server = TestServer.servlet(endpoint, options); LogCapture log = new LogCapture()) {
            byte[] body = Deliveries.body("evt_not_logged");

            assertProblem(server.post(body, Deliveries.sign(body)), 500, DeliveryFailure.HANDLER_FAILED);
            assertThat(log.records()).isEmpty();
        }
        assertThat(WebhookServletOptions.defaults().logFailures()).isTrue();
    }

    /** Collects what the exchange logs, instead of printing it, while open. */
    private static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger(WebhookExchange.class.getName());
        private final List<LogRecord> records = new ArrayList<>();

        LogCapture() {
            logger.addHandler(this);
            logger.setUseParentHandlers(false);
        }

        synchronized List<LogRecord> records() {
            return List.copyOf(records);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.setUseParentHandlers(true);
            logger.removeHandler(this);
        }
    }
}
