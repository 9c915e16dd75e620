package dev.hookline;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The time budget of one dispatch: when it runs out before {@link #finish()}, the dispatching thread is
 * interrupted and the expiry action (releasing the claim) runs, so that a hung handler cannot hold its event.
 *
 * <p>One shared daemon thread looks at the running budgets every {@link #TICK}: starting and finishing a budget
 * cost a concurrent map insertion and removal, and never wake a thread, which a timer per dispatch would (a
 * scheduled task at the head of a timer's queue wakes its thread twice per delivery). A budget therefore runs out
 * up to one tick late.
 */
final class HandlerDeadline {

    /** How often the watchdog looks; a budget ends at most this much after it runs out. */
    static final Duration TICK = Duration.ofMillis(50);

    private static final int RUNNING = 0;
    private static final int INTERRUPTING = 1;
    private static final int EXPIRED = 2;
    private static final int FINISHED = 3;

    private static final Set<HandlerDeadline> RUNNING_BUDGETS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger WATCHDOGS = new AtomicInteger();

    private final Thread thread;
    private final Runnable onExpiry;
    private final long expiresAt;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private HandlerDeadline(Duration budget, Runnable onExpiry) {
        this.thread = Thread.currentThread();
        this.onExpiry = onExpiry;
        this.expiresAt = System.nanoTime() + budget.toNanos();
    }

    /**
     * Starts the budget of the calling thread's dispatch.
     *
     * @param budget how long the handlers may run
     * @param onExpiry run on the watchdog's thread once the budget has run out, after the interrupt
     * @return the deadline, to {@link #finish()} when the handlers return
     */
    static HandlerDeadline start(Duration budget, Runnable onExpiry) {
        HandlerDeadline deadline = new HandlerDeadline(budget, onExpiry);
        RUNNING_BUDGETS.add(deadline);
        if (WATCHDOGS.get() == 0 && WATCHDOGS.compareAndSet(0, 1)) {
            Thread watchdog = new Thread(HandlerDeadline::watch, "hookline-handler-deadline");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        return deadline;
    }

    /** The watchdog's loop: expires every budget that has run out, then waits a tick. */
    private static void watch() {
        while (true) {
            long now = System.nanoTime();
            for (HandlerDeadline deadline : RUNNING_BUDGETS) {
                if (now - deadline.expiresAt >= 0) {
                    deadline.expire();
                }
            }
            LockSupport.parkNanos(TICK.toNanos());
        }
    }

    /** Runs on the watchdog's thread once the budget has run out. */
    private void expire() {
        if (!state.compareAndSet(RUNNING, INTERRUPTING)) {
            return;
        }
        RUNNING_BUDGETS.remove(this);
        thread.interrupt();
        state.set(EXPIRED);
        try {
            onExpiry.run();
        } catch (RuntimeException e) {
            System.getLogger(HandlerDeadline.class.getName()).log(System.Logger.Level.WARNING,
                    "Releasing an event whose handlers ran out of time failed", e);
        }
    }

    /**
     * Ends the budget, on the dispatching thread, once the handlers have returned.
     *
     * @return true if they returned in time; false if the budget ran out first, in which case the interrupt
     *     meant for them has been cleared from this thread
     */
    boolean finish() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            RUNNING_BUDGETS.remove(this);
            return true;
        }
        while (state.get() != EXPIRED) {
            Thread.onSpinWait(); // the watchdog is between its decision and its interrupt: a few instructions
        }
        Thread.interrupted();
        return false;
    }
}
