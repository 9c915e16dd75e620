package dev.hookline.providers;

import dev.hookline.event.EventJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Sends a call to a provider's API with the JDK's {@link HttpClient}: authenticates it, applies the timeouts,
 * repeats it as the {@link RetryPolicy} says, and turns every failure into a {@link ProviderApiException}.
 * Logs each retry at {@code DEBUG} with the method, path and status; never a header, a body or the key.
 *
 * <p>Immutable and thread-safe.
 */
final class ApiTransport {

    private static final System.Logger LOG = System.getLogger(ApiTransport.class.getName());
    private static final String USER_AGENT = "hookline-providers";

    /** Lenient where providers evolve: unknown fields ignored, unknown enum values read as {@code UNKNOWN}. */
    static final ObjectMapper JSON = EventJson.configure(JsonMapper.builder()).build();

    private final String provider;
    private final String apiKey;
    private final URI baseUrl;
    private final String authHeader;
    private final String authValue;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier jitter;

    ApiTransport(ApiSettings settings, String authHeader, String authValue) {
        this.provider = settings.provider;
        this.apiKey = settings.apiKey;
        this.baseUrl = settings.baseUrl;
        this.authHeader = authHeader;
        this.authValue = authValue;
        this.connectTimeout = settings.connectTimeout;
        this.requestTimeout = settings.requestTimeout;
        this.retry = settings.retry;
        this.sleeper = settings.sleeper;
        this.clock = settings.clock;
        this.jitter = settings.jitter;
        this.http = HttpClient.newBuilder()
                // HTTP/2 where TLS negotiates it; plain HTTP/1.1 without an upgrade attempt otherwise
                .version("https".equalsIgnoreCase(baseUrl.getScheme())
                        ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The base URL calls go to. */
    URI baseUrl() {
        return baseUrl;
    }

    /** The clock of the client, for times of fetching. */
    Clock clock() {
        return clock;
    }

    /**
     * Sends a call, repeating it as the retry policy allows, and reads the answer.
     *
     * @param request the call
     * @return the JSON of a 2xx answer; a {@link NullNode} when it had no body
     * @throws ProviderApiException for an error status, an unreadable answer or no answer
     */
    JsonNode send(ApiRequest request) {
        return exchange(request, true);
    }

    /**
     * Sends a call whose answer's body does not matter, repeating it as the retry policy allows.
     *
     * @param request the call
     * @throws ProviderApiException for an error status or no answer
     */
    void sendForStatus(ApiRequest request) {
        exchange(request, false);
    }

    private JsonNode exchange(ApiRequest request, boolean readBody) {
        HttpRequest http = build(request);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
                if (attempt < retry.maxAttempts() && (neverSent || request.repeatable())) {
                    pause(request, attempt, null, describe(e));
                    continue;
                }
                throw ProviderApiException.network(provider, request.method(), request.path(), describe(e), e,
                        attempt);
            } catch (InterruptedException e) {
                throw interrupted(request, e, attempt);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return readBody ? read(request, status, response.body()) : NullNode.getInstance();
            }
            Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                    clock.instant());
            boolean retryable = status == 429 || (status >= 500 && status < 600 && request.repeatable());
            boolean waitable = retryAfter == null || retryAfter.compareTo(retry.maxRetryAfter()) <= 0;
            if (retryable && waitable && attempt < retry.maxAttempts()) {
                pause(request, attempt, retryAfter, "answered " + status);
                continue;
            }
            throw ProviderApiException.status(provider, request.method(), request.path(), status,
                    ProviderMessage.read(response.body(), response.headers().firstValue("Content-Type").orElse(null),
                            JSON, apiKey),
                    retryAfter, attempt);
        }
    }

    /**
     * Binds JSON from an answer to a record.
     *
     * @throws ProviderApiException if it does not bind; the message names the type and where it failed, never a
     *     value (an answer may hold a webhook secret)
     */
    <T> T bind(ApiRequest request, JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            throw ProviderApiException.unexpectedAnswer(provider, request.method(), request.path(),
                    "the answer is not the JSON object of a " + type.getSimpleName());
        }
        try {
            return JSON.treeToValue(node, type);
        } catch (JacksonException e) {
            throw ProviderApiException.unexpectedAnswer(provider, request.method(), request.path(),
                    "the answer does not read as a " + type.getSimpleName() + " (at " + e.getPathReference() + ")");
        }
    }

    private HttpRequest build(ApiRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.target()))
                .timeout(requestTimeout)
                .header(authHeader, authValue)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (request.body() != null) {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request.body())));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private JsonNode read(ApiRequest request, int status, byte[] body) {
        if (body.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw ProviderApiException.unexpectedAnswer(provider, request.method(), request.path(),
                    "the answer (" + status + ") is not JSON");
        }
    }

    private void pause(ApiRequest request, int attempt, Duration retryAfter, String why) {
        Duration delay = retry.delay(attempt, retryAfter, jitter.getAsDouble());
        LOG.log(System.Logger.Level.DEBUG, () -> provider + " " + request.method() + " " + request.path() + " " + why
                + "; sending it again in " + delay.toMillis() + " ms (attempt " + (attempt + 1) + " of "
                + retry.maxAttempts() + ")");
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            throw interrupted(request, e, attempt);
        }
    }

    private ProviderApiException interrupted(ApiRequest request, InterruptedException e, int attempt) {
        Thread.currentThread().interrupt();
        return ProviderApiException.network(provider, request.method(), request.path(), "interrupted", e, attempt);
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + baseUrl.getHost() + " within " + connectTimeout.toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + requestTimeout.toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "could not connect to " + baseUrl.getHost()
                    + (baseUrl.getPort() >= 0 ? ":" + baseUrl.getPort() : "");
        }
        return "the connection failed (" + e.getClass().getSimpleName() + ")";
    }

    @Override
    public String toString() {
        return provider + " API at " + baseUrl;
    }
}
