package dev.hookline.servlet;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebhookFilter} or {@link WebhookServlet} treats requests: the largest body it reads and
 * what it tells a sender that should come back later.
 *
 * <pre>{@code
 * WebhookServletOptions options = WebhookServletOptions.builder()
 *         .maxBodySize(256 * 1024)
 *         .retryAfter(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookServletOptions {

    /** The default largest body read: 1 MiB (1,048,576 bytes). */
    public static final int DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

    /** The default {@code Retry-After} sent with a 503: ten seconds. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    private static final WebhookServletOptions DEFAULTS = builder().build();

    private final int maxBodySize;
    private final long retryAfterSeconds;
    private final RefusalListener refusalListener;
    private final boolean logFailures;

    private WebhookServletOptions(Builder builder) {
        this.maxBodySize = builder.maxBodySize;
        this.retryAfterSeconds = wholeSecondsRoundedUp(builder.retryAfter);
        this.refusalListener = builder.refusalListener;
        this.logFailures = builder.logFailures;
    }

    /** The default options: a 1 MiB body limit and a ten-second {@code Retry-After}. */
    public static WebhookServletOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The largest body, in bytes, that is read; a larger one is answered with 413. */
    public int maxBodySize() {
        return maxBodySize;
    }

    /** The {@code Retry-After} sent with a 503, in whole seconds. */
    public Duration retryAfter() {
        return Duration.ofSeconds(retryAfterSeconds);
    }

    /** The listener told of requests refused before they reach the endpoint, or {@code null} for none. */
    public RefusalListener refusalListener() {
        return refusalListener;
    }

    /** Whether a delivery that failed with a throwable is logged at {@code WARNING}. */
    public boolean logFailures() {
        return logFailures;
    }

    /** The {@code Retry-After} header value: delay-seconds. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long wholeSecondsRoundedUp(Duration duration) {
        return duration.getNano() == 0 ? duration.getSeconds() : duration.getSeconds() + 1;
    }

    @Override
    public String toString() {
        return "WebhookServletOptions[maxBodySize=" + maxBodySize + ", retryAfter=" + retryAfterSeconds + "s"
                + (logFailures ? "" : ", logFailures=false")
                + (refusalListener == null ? "" : ", refusalListener=" + refusalListener.getClass().getName()) + "]";
    }

    /** Configures {@link WebhookServletOptions}; not thread-safe. */
    public static final class Builder {
        private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private RefusalListener refusalListener;
        private boolean logFailures = true;

        private Builder() {
        }

        /**
         * The largest body, in bytes, that is read. A request declaring a longer {@code Content-Length} is
         * answered with 413 without its body being read; a body of unknown length is read up to the limit
         * and answered with 413 as soon as it goes past it. Default 1 MiB.
         *
         * @param bytes a positive number of bytes
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder maxBodySize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxBodySize must be positive, was " + bytes);
            }
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * The {@code Retry-After} sent with a 503: when the same event is still being handled by an
         * earlier delivery, deduplication is unavailable, or the receiving thread was interrupted.
         * Rounded up to whole seconds. Default ten seconds.
         *
         * @param retryAfter a non-negative duration
         * @return this builder
         * @throws IllegalArgumentException if {@code retryAfter} is negative
         */
        public Builder retryAfter(Duration retryAfter) {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        /**
         * A listener told of every request answered before it reaches the endpoint: not a POST (405), a body
         * over {@link #maxBodySize(int)} (413), a body cut short (400). Those requests are not deliveries, so
         * the endpoint's {@link dev.hookline.OutcomeListener}s never see them; metrics that should count them
         * listen here. Default none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder refusalListener(RefusalListener listener) {
            this.refusalListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether a delivery that failed with a throwable (a handler threw, or the deduplicator did) is
         * logged with {@link System.Logger} at {@code WARNING}, naming the endpoint, reason, event type and id.
         * Default true. Turn it off when the application reports failures itself, for instance from an
         * {@link dev.hookline.OutcomeListener}, so that each failure is logged once.
         *
         * @param logFailures false to leave failures to the application
         * @return this builder
         */
        public Builder logFailures(boolean logFailures) {
            this.logFailures = logFailures;
            return this;
        }

        /** The options. */
        public WebhookServletOptions build() {
            return new WebhookServletOptions(this);
        }
    }
}
