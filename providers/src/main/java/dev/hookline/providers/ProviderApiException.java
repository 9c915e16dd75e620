package dev.hookline.providers;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to a provider's management API failed: the provider answered with an error status, answered with
 * something that is not what the API documents, or did not answer at all.
 *
 * <p>The message names the provider, the method and the path, the status and the provider's own error message
 * when its answer carried one. It never holds the API key, a request body or a webhook secret. {@link #kind()}
 * tells the failures apart without parsing the message.
 */
public final class ProviderApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, by what the caller may do about it. */
    public enum Kind {
        /** 401: the API key is missing, wrong or revoked. */
        UNAUTHORIZED,
        /** 403: the key is valid but may not do this. */
        FORBIDDEN,
        /** 404: no such resource. */
        NOT_FOUND,
        /** 429: too many requests; retried while the retry policy allowed. */
        RATE_LIMITED,
        /** 5xx: the provider failed; retried while the retry policy allowed and the call could be repeated. */
        SERVER_ERROR,
        /** Another 4xx: the provider refused the request as it was, such as a 400 for an invalid URL. */
        REJECTED,
        /** A status the API does not use here, or a success whose body is not the documented JSON. */
        UNEXPECTED_ANSWER,
        /** No answer: the connection failed or the request timed out. */
        NETWORK
    }

    private final String provider;
    private final String method;
    private final String path;
    private final int status;
    private final Kind kind;
    private final String providerMessage;
    private final Duration retryAfter;
    private final int attempts;

    private ProviderApiException(String message, Throwable cause, String provider, String method, String path,
                                 int status, Kind kind, String providerMessage, Duration retryAfter, int attempts) {
        super(message, cause);
        this.provider = provider;
        this.method = method;
        this.path = path;
        this.status = status;
        this.kind = kind;
        this.providerMessage = providerMessage;
        this.retryAfter = retryAfter;
        this.attempts = attempts;
    }

    /** An error status from the provider. */
    static ProviderApiException status(String provider, String method, String path, int status,
                                       String providerMessage, Duration retryAfter, int attempts) {
        Kind kind = kindOf(status);
        StringBuilder message = new StringBuilder()
                .append(provider).append(' ').append(method).append(' ').append(path)
                .append(" answered ").append(status).append(" (").append(describe(kind, status)).append(')');
        if (providerMessage != null) {
            message.append(": ").append(providerMessage);
        }
        if (attempts > 1) {
            message.append(" after ").append(attempts).append(" attempts");
        }
        if (retryAfter != null && kind == Kind.RATE_LIMITED) {
            message.append("; retry after ").append(retryAfter.toSeconds()).append(" s");
        }
        return new ProviderApiException(message.toString(), null, provider, method, path, status, kind,
                providerMessage, retryAfter, attempts);
    }

    /** A success that does not hold what was asked for, such as a list without the webhook of the id asked. */
    static ProviderApiException notFoundInAnswer(String provider, String method, String path, String what) {
        return new ProviderApiException(provider + " " + method + " " + path + ": " + what, null, provider, method,
                path, 200, Kind.NOT_FOUND, null, null, 1);
    }

    /** A success whose answer cannot be read. */
    static ProviderApiException unexpectedAnswer(String provider, String method, String path, String what) {
        return new ProviderApiException(provider + " " + method + " " + path + ": " + what, null, provider, method,
                path, 200, Kind.UNEXPECTED_ANSWER, null, null, 1);
    }

    /** No answer at all. The cause is the JDK's, which names the host but never a header or a body. */
    static ProviderApiException network(String provider, String method, String path, String what, Throwable cause,
                                        int attempts) {
        return new ProviderApiException(provider + " " + method + " " + path + ": " + what
                + (attempts > 1 ? " after " + attempts + " attempts" : ""), cause, provider, method, path, 0,
                Kind.NETWORK, null, null, attempts);
    }

    private static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 429 -> Kind.RATE_LIMITED;
            default -> status >= 500 && status < 600 ? Kind.SERVER_ERROR
                    : status >= 400 && status < 500 ? Kind.REJECTED : Kind.UNEXPECTED_ANSWER;
        };
    }

    private static String describe(Kind kind, int status) {
        return switch (kind) {
            case UNAUTHORIZED -> "unauthorized: check the API key";
            case FORBIDDEN -> "forbidden: the API key may not do this";
            case NOT_FOUND -> "not found";
            case RATE_LIMITED -> "rate limited";
            case SERVER_ERROR -> "server error";
            case REJECTED -> "request refused";
            default -> "unexpected status";
        };
    }

    /** The provider's name: {@code exa} or {@code encrata}. */
    public String provider() {
        return provider;
    }

    /** The HTTP method of the failed call. */
    public String method() {
        return method;
    }

    /** The path of the failed call below the base URL, without its query. */
    public String path() {
        return path;
    }

    /**
     * The HTTP status of the last answer: 0 when there was none ({@link Kind#NETWORK}), 200 for a success that could
     * not be read or did not hold what was asked for.
     */
    public int status() {
        return status;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /**
     * The provider's own explanation, read leniently from the error body ({@code message}, {@code error},
     * {@code error.message} and the like), shortened, with anything that looked like the API key masked.
     *
     * @return the message, or empty when the answer carried none
     */
    public Optional<String> providerMessage() {
        return Optional.ofNullable(providerMessage);
    }

    /**
     * How long the provider asked the caller to wait ({@code Retry-After}), when it said so.
     *
     * @return the wait, or empty
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How many times the call was sent, retries included. */
    public int attempts() {
        return attempts;
    }

    /** Whether the call failed for a reason that may pass if it is tried again later (429, 5xx, no answer). */
    public boolean isTransient() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.NETWORK;
    }
}
