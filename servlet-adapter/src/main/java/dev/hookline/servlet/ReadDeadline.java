package dev.hookline.servlet;

import java.time.Duration;

/**
 * When a request's body must have arrived: a time on {@link System#nanoTime()}'s scale and how long after it.
 *
 * @param startNanos when the request was received
 * @param timeoutNanos how long its body may take
 */
record ReadDeadline(long startNanos, long timeoutNanos) {

    /** No deadline at all: time from class loading, never up. */
    static final ReadDeadline NONE = new ReadDeadline(System.nanoTime(), Long.MAX_VALUE);

    /** A deadline {@code timeout} from now; one too long to count in nanoseconds is none. */
    static ReadDeadline startingNow(Duration timeout) {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return new ReadDeadline(System.nanoTime(), nanos);
    }

    /** Whether the time is up. */
    boolean expired() {
        return remainingNanos(System.nanoTime()) <= 0;
    }

    /** How long is left at {@code now}, a {@link System#nanoTime()} value; zero or less once the time is up. */
    long remainingNanos(long now) {
        long elapsed = now - startNanos;
        return elapsed >= timeoutNanos ? 0 : timeoutNanos - elapsed;
    }

    /** Runs {@code task} on the shared watcher when the time is up. */
    ReadDeadlines.Pending schedule(Runnable task) {
        return ReadDeadlines.schedule(this, task);
    }
}
