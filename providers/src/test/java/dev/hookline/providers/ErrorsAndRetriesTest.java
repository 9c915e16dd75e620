package dev.hookline.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.providers.FakeProviderServer.Request;
import dev.hookline.providers.FakeProviderServer.Response;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failures: each status is told apart, the provider's message is read leniently, 429 and 5xx are retried with
 * backoff honouring {@code Retry-After}, a bounded number of times, and nothing is ever really waited for.
 */
class ErrorsAndRetriesTest {

    private static final String KEY = "exa_key_for_error_tests_42";
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final String WEBHOOK = "{\"id\":\"w\",\"object\":\"webhook\",\"status\":\"active\"}";

    private FakeProviderServer server;
    private RecordingSleeper sleeper;
    private ExaClient exa;

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
        sleeper = new RecordingSleeper();
        exa = client(RetryPolicy.DEFAULT);
    }

    private ExaClient client(RetryPolicy policy) {
        return ExaClient.builder(KEY).baseUrl(server.url()).sleeper(sleeper).retryPolicy(policy)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).jitter(() -> 0.5).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ProviderApiException failure(Runnable call) {
        try {
            call.run();
        } catch (ProviderApiException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401 | UNAUTHORIZED | unauthorized: check the API key",
        "403 | FORBIDDEN    | forbidden: the API key may not do this",
        "404 | NOT_FOUND    | not found",
        "400 | REJECTED     | request refused",
        "422 | REJECTED     | request refused",
        "302 | UNEXPECTED_ANSWER | unexpected status"})
    void eachStatusHasItsKindAndIsNotRetried(int status, ProviderApiException.Kind kind, String words) {
        server.enqueue("GET", "/v0/webhooks/w", Response.json(status, "{\"message\":\"Nope\"}"));

        ProviderApiException e = failure(() -> exa.getWebhook("w"));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).isEqualTo("exa GET /v0/webhooks/w answered " + status + " (" + words + "): Nope");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"message\":\"Invalid API key\"}                           | Invalid API key",
        "{\"error\":\"Unauthorized\"}                                | Unauthorized",
        "{\"error\":{\"message\":\"Key revoked\",\"code\":\"k\"}}    | Key revoked",
        "{\"error\":{\"code\":\"k\",\"description\":\"Key expired\"}} | Key expired",
        "{\"errors\":[{\"message\":\"url must be https\"}]}          | url must be https",
        "{\"detail\":\"Too\\nmany\\t spaces\"}                       | Too many spaces",
        "{\"statusCode\":401}                                        | ''"})
    void theProvidersOwnMessageIsFoundWhereverItIs(String body, String expected) {
        server.enqueue("GET", "/v0/webhooks/w", Response.json(401, body));

        ProviderApiException e = failure(() -> exa.getWebhook("w"));

        assertThat(e.providerMessage().orElse("")).isEqualTo(expected);
    }

    @Test
    void plainTextIsTakenButHtmlIsNot() {
        server.enqueue("GET", "/v0/webhooks/w", new Response(401, Map.of("Content-Type", "text/plain"), "Bad key"),
                new Response(401, Map.of("Content-Type", "text/html"), "<html><body>Bad gateway</body></html>"));

        assertThat(failure(() -> exa.getWebhook("w")).providerMessage()).contains("Bad key");
        assertThat(failure(() -> exa.getWebhook("w")).providerMessage()).isEmpty();
    }

    @Test
    void anEchoedKeyOrSecretIsMaskedAndALongMessageIsCut() {
        server.enqueue("GET", "/v0/webhooks/w",
                Response.json(401, "{\"message\":\"Key " + KEY + " is not valid\"}"),
                Response.json(400, "{\"message\":\"Secret whsec_abc123 leaked\"}"),
                Response.json(400, "{\"message\":\"" + "x".repeat(500) + "\"}"));

        ProviderApiException echoed = failure(() -> exa.getWebhook("w"));
        assertThat(echoed.getMessage()).doesNotContain(KEY).contains("Key [masked] is not valid");
        assertThat(failure(() -> exa.getWebhook("w")).getMessage()).doesNotContain("whsec_abc123");
        assertThat(failure(() -> exa.getWebhook("w")).providerMessage().orElseThrow()).hasSize(203).endsWith("...");
    }

    @Test
    void a429IsRetriedAfterTheSecondsItsRetryAfterAsks() {
        server.enqueue("GET", "/v0/webhooks/w",
                Response.json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "7"),
                Response.json(200, WEBHOOK));

        assertThat(exa.getWebhook("w").id()).isEqualTo("w");

        assertThat(server.requests()).hasSize(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterDateIsWaitedForUntilThatDate() {
        server.enqueue("GET", "/v0/webhooks/w",
                Response.json(429, "{}").withHeader("Retry-After", "Mon, 01 Jun 2026 10:00:42 GMT"),
                Response.json(200, WEBHOOK));

        exa.getWebhook("w");

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void aRetryAfterLongerThanTheLimitIsNotWaitedFor() {
        server.enqueue("GET", "/v0/webhooks/w",
                Response.json(429, "{\"message\":\"quota\"}").withHeader("Retry-After", "3600"));

        ProviderApiException e = failure(() -> exa.getWebhook("w"));

        assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).isEqualTo(
                "exa GET /v0/webhooks/w answered 429 (rate limited): quota; retry after 3600 s");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void a500ThenSuccessIsOneRetryAfterTheBackoff() {
        server.enqueue("GET", "/v0/webhooks/w", Response.json(500, "{}"), Response.json(200, WEBHOOK));

        assertThat(exa.getWebhook("w").id()).isEqualTo("w");

        assertThat(server.requests()).hasSize(2);
        // 0.5 s cap on the first retry, drawn between its half and all of it: jitter 0.5 gives 0.375 s
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(375));
    }

    @Test
    void retriesAreBoundedAndBackOffExponentially() {
        server.on("GET", "/v0/webhooks/w", request -> Response.json(503, "{\"error\":\"maintenance\"}"));

        ProviderApiException e = failure(() -> exa.getWebhook("w"));

        assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.SERVER_ERROR);
        assertThat(e.attempts()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo(
                "exa GET /v0/webhooks/w answered 503 (server error): maintenance after 4 attempts");
        assertThat(server.requests()).hasSize(4);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750),
                Duration.ofMillis(1500));
    }

    @Test
    void theAttemptsAreConfigurable() {
        server.on("GET", "/v0/webhooks/w", request -> Response.json(500, "{}"));

        assertThat(failure(() -> client(RetryPolicy.DEFAULT.withMaxAttempts(2)).getWebhook("w")).attempts())
                .isEqualTo(2);
        assertThat(failure(() -> client(RetryPolicy.none()).getWebhook("w")).attempts()).isEqualTo(1);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void theBackoffIsCappedAndJittered() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(policy.delay(1, null, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delay(1, null, 0.999999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(policy.delay(3, null, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(9, null, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(60, null, 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(1, Duration.ofSeconds(3), 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(9, Duration.ofMillis(1), 0.0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aCreateIsRetriedAfterA429ButNeverAfterA5xx() {
        server.enqueue("POST", "/v0/webhooks", Response.json(429, "{}").withHeader("Retry-After", "1"),
                Response.json(200, WEBHOOK), Response.json(500, "{}"), Response.json(200, WEBHOOK));

        exa.createWebhook("https://example.com", List.of("webset.idle"), null);
        ProviderApiException e = failure(() -> exa.createWebhook("https://example.com", List.of("webset.idle"), null));

        assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.SERVER_ERROR);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(server.requests()).extracting(Request::method).containsExactly("POST", "POST", "POST");
    }

    @Test
    void noAnswerIsANetworkFailureRetriedThenReported() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ExaClient nowhere = ExaClient.builder(KEY).baseUrl("http://127.0.0.1:" + port).sleeper(sleeper)
                .jitter(() -> 0.5).build();

        ProviderApiException e = failure(() -> nowhere.getWebhook("w"));

        assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.NETWORK);
        assertThat(e.status()).isZero();
        assertThat(e.attempts()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("exa GET /v0/webhooks/w: could not connect to 127.0.0.1:" + port
                + " after 4 attempts");
        assertThat(sleeper.waits()).hasSize(3);
    }

    @Test
    void aSlowAnswerTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on("GET", "/v0/webhooks/w", request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.json(200, WEBHOOK);
        });
        ExaClient impatient = ExaClient.builder(KEY).baseUrl(server.url()).requestTimeout(Duration.ofMillis(200))
                .retryPolicy(RetryPolicy.none()).build();
        try {
            ProviderApiException e = failure(() -> impatient.getWebhook("w"));

            assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.NETWORK);
            assertThat(e.getMessage()).isEqualTo("exa GET /v0/webhooks/w: no answer within 200 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void retryAfterReadsSecondsAndDatesAndIgnoresTheRest() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("99999999999", NOW)).isEqualTo(Duration.ofDays(1));
        assertThat(RetryAfter.parse("Mon, 01 Jun 2026 10:01:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Mon, 01 Jun 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse(null, NOW)).isNull();
    }
}
