package dev.hookline;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The time budget of one dispatch: when it runs out before {@link #finish()}, the dispatching thread is
 * interrupted and the expiry action (releasing the claim) runs, so that a hung handler cannot hold its event.
 *
 * <p>One shared daemon thread watches every deadline; arming and disarming one costs a queue insertion and
 * removal, and no thread per delivery.
 */
final class HandlerDeadline implements Runnable {

    private static final int RUNNING = 0;
    private static final int INTERRUPTING = 1;
    private static final int EXPIRED = 2;
    private static final int FINISHED = 3;

    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Thread thread;
    private final Runnable onExpiry;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ScheduledFuture<?> future;

    private HandlerDeadline(Duration budget, Runnable onExpiry) {
        this.thread = Thread.currentThread();
        this.onExpiry = onExpiry;
        this.future = WATCHDOG.schedule(this, budget.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts the budget of the calling thread's dispatch.
     *
     * @param budget how long the handlers may run
     * @param onExpiry run on the watchdog's thread once the budget has run out, after the interrupt
     * @return the deadline, to {@link #finish()} when the handlers return
     */
    static HandlerDeadline start(Duration budget, Runnable onExpiry) {
        return new HandlerDeadline(budget, onExpiry);
    }

    /** Runs on the watchdog's thread when the budget has run out. */
    @Override
    public void run() {
        if (!state.compareAndSet(RUNNING, INTERRUPTING)) {
            return;
        }
        thread.interrupt();
        state.set(EXPIRED);
        onExpiry.run();
    }

    /**
     * Ends the budget, on the dispatching thread, once the handlers have returned.
     *
     * @return true if they returned in time; false if the budget ran out first, in which case the interrupt
     *     meant for them has been cleared from this thread
     */
    boolean finish() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            future.cancel(false);
            return true;
        }
        while (state.get() != EXPIRED) {
            Thread.onSpinWait(); // the watchdog is between its decision and its interrupt: a few instructions
        }
        Thread.interrupted();
        return false;
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "hookline-handler-deadline");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
