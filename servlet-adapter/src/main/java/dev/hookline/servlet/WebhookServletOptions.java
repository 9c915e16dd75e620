package dev.hookline.servlet;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebhookFilter} or {@link WebhookServlet} treats requests: the largest body it reads, how long
 * the body may take to arrive, how much of a refused body it reads and discards, and what it tells a sender
 * that should come back later.
 *
 * <pre>{@code
 * WebhookServletOptions options = WebhookServletOptions.builder()
 *         .maxBodySize(256 * 1024)
 *         .bodyReadTimeout(Duration.ofSeconds(10))
 *         .retryAfter(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookServletOptions {

    /** The default largest body read: 1 MiB (1,048,576 bytes). */
    public static final int DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

    /** The default time a whole body may take to arrive: five seconds. */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(5);

    /** The default most bytes of a refused body read and discarded: 2 MiB (2,097,152 bytes). */
    public static final long DEFAULT_MAX_DRAIN_SIZE = 2L * 1024 * 1024;

    /** The default {@code Retry-After} sent with a 503: ten seconds. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    private static final WebhookServletOptions DEFAULTS = builder().build();

    private final int maxBodySize;
    private final Duration bodyReadTimeout;
    private final long maxDrainSize;
    private final long retryAfterSeconds;
    private final RefusalObserver refusalObserver;
    private final boolean logFailures;
    private final DeliveryReceiver receiver;

    private WebhookServletOptions(Builder builder) {
        this.maxBodySize = builder.maxBodySize;
        this.bodyReadTimeout = builder.bodyReadTimeout;
        this.maxDrainSize = builder.maxDrainSize;
        this.retryAfterSeconds = wholeSecondsRoundedUp(builder.retryAfter);
        this.refusalObserver = builder.refusalObserver;
        this.logFailures = builder.logFailures;
        this.receiver = builder.receiver;
    }

    /**
     * The default options: a 1 MiB body limit, five seconds to read it, up to 2 MiB of a refused body discarded,
     * and a ten-second {@code Retry-After}.
     *
     * @return the shared default options
     */
    public static WebhookServletOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these options, to change some of them.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxBodySize = maxBodySize;
        builder.bodyReadTimeout = bodyReadTimeout;
        builder.maxDrainSize = maxDrainSize;
        builder.retryAfter = Duration.ofSeconds(retryAfterSeconds);
        builder.refusalObserver = refusalObserver;
        builder.logFailures = logFailures;
        builder.receiver = receiver;
        return builder;
    }

    /**
     * The largest body, in bytes, that is read; a larger one is answered with 413.
     *
     * @return the limit in bytes
     */
    public int maxBodySize() {
        return maxBodySize;
    }

    /**
     * How long the whole body may take to arrive, counted from the request's receipt; a body still incomplete
     * then is answered with 408.
     *
     * @return the deadline's length
     */
    public Duration bodyReadTimeout() {
        return bodyReadTimeout;
    }

    /**
     * The most bytes of a refused body that are read and discarded so that the refusal reaches the client.
     *
     * @return the bound in bytes; zero if refused bodies are never read
     */
    public long maxDrainSize() {
        return maxDrainSize;
    }

    /**
     * The {@code Retry-After} sent with a 503, in whole seconds.
     *
     * @return the delay, in whole seconds
     */
    public Duration retryAfter() {
        return Duration.ofSeconds(retryAfterSeconds);
    }

    /**
     * The observer told of requests refused before they reach the endpoint, or {@code null} for none.
     *
     * @return the observer, or {@code null}
     */
    public RefusalObserver refusalObserver() {
        return refusalObserver;
    }

    /**
     * Whether a delivery that failed with a throwable is logged at {@code WARNING}.
     *
     * @return true if such failures are logged
     */
    public boolean logFailures() {
        return logFailures;
    }

    /**
     * What is done with a delivery whose body was read whole.
     *
     * @return the receiver; {@link DeliveryReceiver#direct()} unless another was chosen
     */
    public DeliveryReceiver receiver() {
        return receiver;
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
        return "WebhookServletOptions[maxBodySize=" + maxBodySize + ", bodyReadTimeout=" + bodyReadTimeout
                + ", maxDrainSize=" + maxDrainSize + ", retryAfter=" + retryAfterSeconds + "s"
                + (logFailures ? "" : ", logFailures=false")
                + (refusalObserver == null ? "" : ", refusalObserver=" + refusalObserver.getClass().getName())
                + (receiver == DeliveryReceiver.direct() ? "" : ", receiver=" + receiver.getClass().getName()) + "]";
    }

    /** Configures {@link WebhookServletOptions}; not thread-safe. */
    public static final class Builder {
        private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private Duration bodyReadTimeout = DEFAULT_BODY_READ_TIMEOUT;
        private long maxDrainSize = DEFAULT_MAX_DRAIN_SIZE;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private RefusalObserver refusalObserver;
        private boolean logFailures = true;
        private DeliveryReceiver receiver = DeliveryReceiver.direct();

        private Builder() {
        }

        /**
         * The largest body, in bytes, that is accepted. A request declaring a longer {@code Content-Length} is
         * answered with 413 before any of its body is read; a body of unknown length is read up to the limit
         * and refused with 413 as soon as it goes past it. Either way the rest of a refused body is then read and
         * discarded, up to {@link #maxDrainSize(long)}, so that the client, which may still be sending it, gets
         * the 413. Default 1 MiB.
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
         * How long the whole body may take to arrive, counted from the request's receipt (before its first byte
         * is read). A body still incomplete then, whether it trickles in or has stopped altogether, is answered
         * with 408 ({@link RequestFailure#BODY_READ_TIMEOUT}) and {@code Connection: close}, and the endpoint never
         * sees it. Only the body is timed: once it is whole, the endpoint and its handlers take as long as they take.
         * Default five seconds.
         *
         * <p>The deadline is kept with the Servlet API's non-blocking reads, so a body that has stopped arriving is
         * answered at the deadline. That needs asynchronous support: a servlet or filter registered without it
         * ({@code request.isAsyncSupported()} false) reads with blocking reads, which only check the deadline
         * between reads, so a body that stops arriving altogether is then cut off by the container's idle timeout
         * instead. Register the servlet or filter with asynchronous support, for instance
         * {@code ServletRegistration.Dynamic.setAsyncSupported(true)}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder bodyReadTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("bodyReadTimeout must be positive, was " + timeout);
            }
            this.bodyReadTimeout = timeout;
            return this;
        }

        /**
         * The most bytes of a refused body (413) that are read and discarded, as RFC 9112 section 9.6 advises:
         * a client still sending a body that the server closes the connection on may get a connection reset
         * instead of the response. A body declared up to this size is answered first and then read to its end
         * (within {@link #bodyReadTimeout(Duration)}), keeping the connection open; a body of unknown length that
         * went past the limit is read on, up to this many more bytes, before it is answered. A larger body, one
         * that is not over within the read deadline, or a request that sent {@code Expect: 100-continue} (whose
         * client is never asked for the body) is answered with {@code Connection: close} instead. Zero never
         * reads a refused body. Default 2 MiB, as Tomcat's {@code maxSwallowSize}.
         *
         * @param bytes zero or more bytes
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder maxDrainSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxDrainSize must not be negative, was " + bytes);
            }
            this.maxDrainSize = bytes;
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
         * An observer told of every request answered before it reaches the endpoint: not a POST (405), a body
         * over {@link #maxBodySize(int)} (413), a body cut short (400), a body not read in time (408). Those requests are not deliveries, so
         * the endpoint's {@link dev.hookline.OutcomeObserver}s never see them; metrics that should count them
         * listen here. Default none.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder refusalObserver(RefusalObserver observer) {
            this.refusalObserver = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Whether a delivery that failed with a throwable (a handler threw, or the deduplicator did) is
         * logged with {@link System.Logger} at {@code WARNING}, naming the endpoint, reason, event type and id.
         * Default true. Turn it off when the application reports failures itself, for instance from an
         * {@link dev.hookline.OutcomeObserver}, so that each failure is logged once.
         *
         * @param logFailures false to leave failures to the application
         * @return this builder
         */
        public Builder logFailures(boolean logFailures) {
            this.logFailures = logFailures;
            return this;
        }

        /**
         * What is done with a delivery whose body was read whole. Default {@link DeliveryReceiver#direct()}: the
         * endpoint verifies it and runs its handlers in the request. {@code JdbcInbox::receive} (hookline-jdbc)
         * stores the verified event instead and answers once it is committed.
         *
         * @param receiver the receiver
         * @return this builder
         */
        public Builder receiver(DeliveryReceiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
            return this;
        }

        /**
     * The options.
     *
     * @return the options, immutable
     */
        public WebhookServletOptions build() {
            return new WebhookServletOptions(this);
        }
    }
}
