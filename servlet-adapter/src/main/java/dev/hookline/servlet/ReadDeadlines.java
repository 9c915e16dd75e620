package dev.hookline.servlet;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer that keeps every body-read deadline: a single daemon thread, created when the first deadline is
 * set and gone again after a while without any, so that no thread is ever started per request. What it runs must
 * be quick; the work of answering a late request is handed back to the container.
 */
final class ReadDeadlines {

    /** How long the timer's thread waits for another deadline before it ends. */
    private static final long IDLE_SECONDS = 30;

    private ReadDeadlines() {
    }

    /** Created on first use, by the class loader's initialisation lock. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "hookline-body-read-deadlines");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }

    /**
     * Runs {@code task} once {@code timeoutNanos} have passed since {@code startNanos}.
     *
     * @param task what to run, quickly
     * @param startNanos a {@link System#nanoTime()} value
     * @param timeoutNanos how long after it
     * @return the scheduled task, to cancel
     */
    static ScheduledFuture<?> schedule(Runnable task, long startNanos, long timeoutNanos) {
        long remaining = Math.max(0, timeoutNanos - (System.nanoTime() - startNanos));
        return Timer.EXECUTOR.schedule(task, remaining, TimeUnit.NANOSECONDS);
    }
}
