package dev.hookline.providers;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** What both clients' builders set; each check's message names the setting, never the API key. */
final class ApiSettings {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    final String provider;
    String apiKey;
    URI baseUrl;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    RetryPolicy retry = RetryPolicy.DEFAULT;
    Sleeper sleeper = Sleeper.threadSleep();
    Clock clock = Clock.systemUTC();
    DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

    ApiSettings(String provider, String apiKey, URI defaultBaseUrl) {
        this.provider = provider;
        this.apiKey = checkApiKey(apiKey);
        this.baseUrl = defaultBaseUrl;
    }

    static String checkApiKey(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalArgumentException("An API key is required");
        }
        if (apiKey.isBlank() || !apiKey.strip().equals(apiKey)) {
            throw new IllegalArgumentException("The API key is blank or has leading or trailing whitespace");
        }
        if (apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("The API key holds characters that cannot be sent in a header");
        }
        return apiKey;
    }

    void baseUrl(String url) {
        Objects.requireNonNull(url, "baseUrl");
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The base URL must be an absolute http:// or https:// URL, was '"
                    + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The base URL must be an absolute http:// or https:// URL without "
                    + "query, fragment or credentials, was '" + url + "'");
        }
        this.baseUrl = uri;
    }

    void connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
    }

    void requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }

    ApiTransport transport(String authHeader, String authValue) {
        return new ApiTransport(this, authHeader, authValue);
    }
}
