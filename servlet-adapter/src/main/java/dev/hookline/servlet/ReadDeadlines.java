package dev.hookline.servlet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Every body-read deadline, kept by one daemon thread that looks at the pending ones at the earliest of their
 * deadlines, and at least every {@link #TICK_NANOS}: setting and cancelling a deadline cost a concurrent set's
 * insertion and removal and never wake a thread, which a scheduled executor does (a task that becomes the head of
 * its queue wakes its thread, twice per request, on a server whose requests all have the same timeout). A deadline
 * is met on time, unless it was set less than a tick before it falls due while the thread was already waiting:
 * then it is met up to one tick late. The thread is started with the first deadline and ends after
 * {@link #IDLE_NANOS} without any, so that no thread outlives the application for long, and none is ever started
 * per request. What it runs must be quick; the work of answering a
 * late request is handed back to the container.
 */
final class ReadDeadlines {

    /** The longest the thread waits before it looks at the pending deadlines again. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long the thread waits without any deadline before it ends. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final Set<Pending> PENDING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    private ReadDeadlines() {
    }

    /** One deadline set and not yet met or cancelled. */
    static final class Pending {
        private final ReadDeadline deadline;
        private final Runnable task;

        private Pending(ReadDeadline deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        /** Forgets the deadline: its task will not run, unless it has already begun. */
        void cancel() {
            PENDING.remove(this);
        }
    }

    /**
     * Runs {@code task} once the deadline has passed (see the class comment for how late it may be).
     *
     * @param deadline when
     * @param task what to run, quickly
     * @return the deadline set, to cancel
     */
    static Pending schedule(ReadDeadline deadline, Runnable task) {
        Pending pending = new Pending(deadline, task);
        PENDING.add(pending);
        if (!WATCHING.get() && WATCHING.compareAndSet(false, true)) {
            Thread watcher = new Thread(ReadDeadlines::watch, "hookline-body-read-deadlines");
            watcher.setDaemon(true);
            watcher.start();
        }
        return pending;
    }

    /**
     * The thread's loop: runs every task whose deadline has passed, then waits until the earliest deadline still
     * pending, or a tick at most; ends when idle long.
     */
    private static void watch() {
        long idleSince = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long wait = TICK_NANOS;
            for (Pending pending : PENDING) {
                long remaining = pending.deadline.remainingNanos(now);
                if (remaining > 0) {
                    wait = Math.min(wait, remaining);
                } else if (PENDING.remove(pending)) {
                    run(pending.task);
                }
            }
            if (!PENDING.isEmpty()) {
                idleSince = now;
            } else if (now - idleSince >= IDLE_NANOS) {
                WATCHING.set(false);
                // a deadline set while this thread was deciding to end would have seen it still watching
                if (PENDING.isEmpty() || !WATCHING.compareAndSet(false, true)) {
                    return;
                }
            }
            LockSupport.parkNanos(wait);
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            System.getLogger(ReadDeadlines.class.getName()).log(System.Logger.Level.WARNING,
                    "Answering a request whose body did not arrive in time failed", e);
        }
    }
}
