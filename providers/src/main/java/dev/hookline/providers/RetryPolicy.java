package dev.hookline.providers;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed call to a provider's API is sent again: after a 429, a 5xx or a lost connection, up to
 * {@code maxAttempts} sends in all, waiting between them with exponential backoff and jitter, and never less than
 * the provider's {@code Retry-After}.
 *
 * <p>The wait before retry {@code n} (1 for the first retry) is drawn between half and all of
 * {@code min(maxDelay, initialDelay * 2^(n-1))}, so that clients failing together do not retry together; when the
 * answer says {@code Retry-After} (in seconds or as an HTTP date), the wait is at least that. An answer asking for
 * a longer wait than {@code maxRetryAfter} is not waited for: the call fails at once with
 * {@link ProviderApiException#retryAfter()} telling the caller when to come back.
 *
 * <p>Which calls are repeated: reads, updates and deletes after a 429, a 5xx or a lost connection; a
 * {@code POST} that creates something (a webhook, a test delivery) only when the provider certainly did not act on
 * it: after a 429 or a connection that was never made, since repeating it after a 5xx or a timeout could create
 * a second webhook whose secret nobody sees.
 *
 * @param maxAttempts how many times a call is sent at most, the first included; 1 for no retry
 * @param initialDelay the backoff before the first retry
 * @param maxDelay the longest backoff between two sends
 * @param maxRetryAfter the longest {@code Retry-After} that is waited for
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** The default: 4 sends, backoff from 0.5 s up to 8 s, {@code Retry-After} waited for up to a minute. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(1));

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or a duration is negative, or
     *     {@code maxDelay} is shorter than {@code initialDelay}
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        requireNotNegative(initialDelay, "initialDelay");
        requireNotNegative(maxDelay, "maxDelay");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") is shorter than initialDelay ("
                    + initialDelay + ")");
        }
    }

    /**
     * No retry: every call is sent once.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * This policy with another number of sends.
     *
     * @param attempts how many times a call is sent at most, the first included
     * @return the policy
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, maxDelay, maxRetryAfter);
    }

    /**
     * The wait before a retry.
     *
     * @param retry 1 for the first retry, 2 for the second...
     * @param retryAfter what the answer asked for, or null
     * @param random a number in [0, 1), the jitter
     * @return the wait
     */
    Duration delay(int retry, Duration retryAfter, double random) {
        long cap = initialDelay.toNanos();
        for (int i = 1; i < retry && cap < maxDelay.toNanos(); i++) {
            cap = cap > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : cap * 2;
        }
        cap = Math.min(cap, maxDelay.toNanos());
        Duration backoff = Duration.ofNanos(cap / 2 + (long) (random * (cap - cap / 2)));
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
