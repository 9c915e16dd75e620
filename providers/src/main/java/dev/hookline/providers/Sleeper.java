package dev.hookline.providers;

import java.time.Duration;

/**
 * Waits between two sends of a retried call. The default sleeps the calling thread; tests give one that records
 * the waits and returns at once.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits.
     *
     * @param duration how long; zero or more
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The sleeper that blocks the calling thread for the whole duration.
     *
     * @return the sleeper
     */
    static Sleeper threadSleep() {
        return duration -> {
            long nanos = duration.toNanos();
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }
}
