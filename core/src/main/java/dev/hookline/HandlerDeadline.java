package dev.hookline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The time budget of one dispatch: when it runs out before {@link #finish()}, the dispatching thread is
 * interrupted and the expiry action (releasing the claim) runs, so that a hung handler cannot hold its event.
 *
 * <p>One shared daemon thread looks at the running budgets every {@link #TICK}: starting and finishing a budget
 * cost a concurrent map insertion and removal, and never wake a thread, which a timer per dispatch would (a
 * scheduled task at the head of a timer's queue wakes its thread twice per delivery). A budget therefore runs out
 * up to one tick late. A budget is one object: its state is a field of its own, and what expiry does is told as
 * an action and its subject, so that no dispatch makes a closure.
 *
 * @param <T> what the expiry action acts on
 */
final class HandlerDeadline<T> {

    /** How often the watchdog looks; a budget ends at most this much after it runs out. */
    static final Duration TICK = Duration.ofMillis(50);

    private static final int RUNNING = 0;
    private static final int INTERRUPTING = 1;
    private static final int EXPIRED = 2;
    private static final int FINISHED = 3;

    private static final Set<HandlerDeadline<?>> RUNNING_BUDGETS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger WATCHDOGS = new AtomicInteger();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(HandlerDeadline.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread;
    private final Consumer<? super T> onExpiry;
    private final T subject;
    private final long expiresAt;
    /** {@link #RUNNING} (0) to start with; changed through {@link #STATE} only. */
    private volatile int state;

    private HandlerDeadline(Duration budget, Consumer<? super T> onExpiry, T subject) {
        this.thread = Thread.currentThread();
        this.onExpiry = onExpiry;
        this.subject = subject;
        this.expiresAt = System.nanoTime() + budget.toNanos();
    }

    /**
     * Starts the budget of the calling thread's dispatch.
     *
     * @param budget how long the handlers may run
     * @param onExpiry given {@code subject} on the watchdog's thread once the budget has run out, after the interrupt
     * @param subject what {@code onExpiry} acts on
     * @param <T> its type
     * @return the deadline, to {@link #finish()} when the handlers return
     */
    static <T> HandlerDeadline<T> start(Duration budget, Consumer<? super T> onExpiry, T subject) {
        HandlerDeadline<T> deadline = new HandlerDeadline<>(budget, onExpiry, subject);
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
            for (HandlerDeadline<?> deadline : RUNNING_BUDGETS) {
                if (now - deadline.expiresAt >= 0) {
                    deadline.expire();
                }
            }
            LockSupport.parkNanos(TICK.toNanos());
        }
    }

    /** Runs on the watchdog's thread once the budget has run out. */
    private void expire() {
        if (!STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            return;
        }
        RUNNING_BUDGETS.remove(this);
        thread.interrupt();
        state = EXPIRED;
        try {
            onExpiry.accept(subject);
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
        if (STATE.compareAndSet(this, RUNNING, FINISHED)) {
            RUNNING_BUDGETS.remove(this);
            return true;
        }
        while (state != EXPIRED) {
            Thread.onSpinWait(); // the watchdog is between its decision and its interrupt: a few instructions
        }
        Thread.interrupted();
        return false;
    }
}
