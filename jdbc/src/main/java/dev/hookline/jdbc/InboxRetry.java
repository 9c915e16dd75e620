package dev.hookline.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and when the {@link InboxWorkers} try an event whose handlers failed: up to {@code maxAttempts}
 * attempts in all, the n-th retry after an exponential backoff of {@code initialBackoff × 2^(n-1)}, at most
 * {@code maxBackoff}, of which a random fraction of up to {@code jitter} is taken off, so that events that failed
 * together do not all come back at the same instant. After the last attempt the event is dead.
 *
 * <p>The defaults (20 attempts, 5 seconds doubling up to an hour, jitter 0.25) retry for about ten hours: long
 * enough to ride out a downstream outage, short enough that a dead event is noticed the same day.
 *
 * @param maxAttempts how many attempts an event gets, the first included; at least 1
 * @param initialBackoff the wait before the first retry; positive
 * @param maxBackoff the longest wait between two attempts; at least {@code initialBackoff}
 * @param jitter the largest fraction of a wait taken off at random, from 0 (none) to 1
 */
public record InboxRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

    /** The default number of attempts. */
    public static final int DEFAULT_MAX_ATTEMPTS = 20;
    /** The default wait before the first retry. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(5);
    /** The default longest wait. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
    /** The default jitter. */
    public static final double DEFAULT_JITTER = 0.25;

    private static final InboxRetry DEFAULTS = new InboxRetry(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
            DEFAULT_MAX_BACKOFF, DEFAULT_JITTER);

    /**
     * Checks every part, saying what is wrong.
     *
     * @param maxAttempts how many attempts an event gets, the first included; at least 1
     * @param initialBackoff the wait before the first retry; positive
     * @param maxBackoff the longest wait between two attempts; at least {@code initialBackoff}
     * @param jitter the largest fraction of a wait taken off at random, from 0 (none) to 1
     */
    public InboxRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must be at least initialBackoff ("
                    + initialBackoff + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be from 0 to 1, was " + jitter);
        }
    }

    /**
     * The default policy: 20 attempts, 5 seconds doubling up to an hour, jitter 0.25.
     *
     * @return the defaults
     */
    public static InboxRetry defaults() {
        return DEFAULTS;
    }

    /**
     * This policy with another number of attempts.
     *
     * @param attempts at least 1
     * @return the new policy
     */
    public InboxRetry withMaxAttempts(int attempts) {
        return new InboxRetry(attempts, initialBackoff, maxBackoff, jitter);
    }

    /**
     * This policy with other waits.
     *
     * @param initial the wait before the first retry
     * @param max the longest wait
     * @return the new policy
     */
    public InboxRetry withBackoff(Duration initial, Duration max) {
        return new InboxRetry(maxAttempts, initial, max, jitter);
    }

    /**
     * This policy with another jitter.
     *
     * @param fraction from 0 to 1
     * @return the new policy
     */
    public InboxRetry withJitter(double fraction) {
        return new InboxRetry(maxAttempts, initialBackoff, maxBackoff, fraction);
    }

    /**
     * The wait after a failed attempt.
     *
     * @param attempt the attempt that failed, from 1
     * @param random a number in {@code [0, 1)}, chosen at random by the caller
     * @return {@code min(maxBackoff, initialBackoff × 2^(attempt-1)) × (1 - jitter × random)}
     */
    public Duration backoff(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        Duration wait = maxBackoff;
        if (attempt <= 62) {
            long factor = 1L << (attempt - 1);
            if (initialBackoff.toNanos() <= maxBackoff.toNanos() / factor) {
                wait = initialBackoff.multipliedBy(factor);
            }
        }
        long nanos = wait.toNanos();
        return Duration.ofNanos(nanos - (long) (nanos * jitter * random));
    }

    /**
     * Whether an event that has had {@code attempts} attempts may have another.
     *
     * @param attempts the attempts so far
     * @return true if fewer than {@link #maxAttempts()}
     */
    public boolean allowsAnother(int attempts) {
        return attempts < maxAttempts;
    }
}
