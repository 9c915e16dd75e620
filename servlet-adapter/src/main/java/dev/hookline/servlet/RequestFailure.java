package dev.hookline.servlet;

import dev.hookline.delivery.Reason;
import java.util.Locale;

/**
 * Why the adapter answered a request itself, before it reached the endpoint. Its {@link #code()} is the
 * {@code reason} member of the problem body, as for the endpoint's own reasons.
 */
public enum RequestFailure implements Reason {
    /** The request is not a POST: answered with 405 and {@code Allow: POST}. */
    METHOD_NOT_ALLOWED("Only POST is accepted."),
    /** The body is longer than the configured limit: answered with 413. */
    BODY_TOO_LARGE("The payload is larger than this endpoint accepts."),
    /**
     * The body ended before its declared length, or could not be read to its end: answered with 400 and
     * {@code Connection: close}.
     */
    INCOMPLETE_BODY("The payload ended before its declared length."),
    /**
     * The whole body did not arrive within {@link WebhookServletOptions#bodyReadTimeout()} of the request's
     * receipt: answered with 408 and {@code Connection: close}.
     */
    BODY_READ_TIMEOUT("The payload did not arrive in time.");

    private final String description;

    RequestFailure(String description) {
        this.description = description;
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return description;
    }
}
