package dev.hookline.jdbc;

import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.event.VerifiedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workers that run the handlers of the events in a {@link JdbcInbox}: start them in every instance of the
 * application, and each event is dispatched by one of them, with retries, until it is done or dead.
 *
 * <pre>{@code
 * InboxWorkers workers = InboxWorkers.builder(inbox)
 *         .endpoint(exa)
 *         .endpoint(encrata)
 *         .concurrency(8)
 *         .build();
 * workers.start();
 * // on shutdown:
 * workers.stop();
 * }</pre>
 *
 * <p><b>How.</b> One poller thread claims due rows of its endpoints ({@code SELECT ... FOR UPDATE SKIP LOCKED
 * LIMIT n} in one short transaction that marks them {@link InboxState#RUNNING running} under a lease: this
 * instance's random owner token, until now plus the {@linkplain Builder#lease(Duration) lease}, and one more
 * attempt), never more than it has idle workers, and hands each to a worker thread, which reads the stored event
 * ({@link VerifiedEvent#fromBytes}) and calls {@link WebhookEndpoint#dispatch(VerifiedEvent, int)} with the
 * attempt; a worker that has settled its row claims the next due one itself, so that under load the workers claim in
 * parallel. Two instances claiming at once take different rows, and a claimed row is not due again until it is
 * settled or its lease expires, so one row is never run by two workers at once while its lease lasts: a heartbeat
 * renews the leases of the rows held every third of the lease.
 *
 * <p><b>Settling.</b> {@link Outcome.Status#ACCEPTED} (or a duplicate, should the endpoint deduplicate too) marks
 * the row {@link InboxState#DONE done}, in the {@link InboxTransaction} when a handler used its connection, so that
 * its writes and the row commit together. {@link Outcome.Status#FAILED} (a handler threw or timed out) marks it
 * {@link InboxState#RETRYING retrying} after the {@link InboxRetry} backoff, or {@link InboxState#DEAD dead} on the
 * last attempt, with the failure's class and message (truncated, never the payload) as its last error.
 * {@link Outcome.Status#MALFORMED} (the data no longer binds) and an unreadable stored event are dead at once: no
 * retry can help. Every settling statement names the row, the owner and the attempt, so a worker that lost its lease
 * changes nothing (and its transaction is rolled back).
 *
 * <p><b>Rescue, pruning, wake-ups.</b> The poller also returns rows whose lease has expired (their instance died
 * mid-handler, or lost the database for a whole lease) to retrying, every quarter of the lease, and prunes done rows
 * past the inbox's retention every {@linkplain Builder#pruneInterval(Duration) prune interval}. It waits for work
 * until the next retry is due or the {@linkplain Builder#pollInterval(Duration) poll interval} ends, whichever is
 * sooner, and is woken at once by a {@code pg_notify} on the inbox's channel when notifications are on and pgJDBC is
 * the driver (one connection of the pool is then held by a listener), and whenever a worker becomes idle.
 *
 * <p><b>Stopping.</b> {@link #stop()} claims nothing more, lets the handlers running finish for up to the
 * {@linkplain Builder#stopTimeout(Duration) stop timeout}, then interrupts them and gives their rows back (pending
 * or retrying, due now, their attempt not counted); a handler that ignores the interrupt keeps its row until its
 * lease expires and another instance rescues it.
 *
 * <p><b>Connections.</b> Each claim, settlement, heartbeat and sweep takes a connection from the inbox's data source
 * for one statement; a handler that uses its {@link InboxTransaction} holds one while it runs, and the listener one
 * for good. Size the pool for the concurrency plus a few.
 *
 * <p>Thread-safe. Started once; stopped for good.
 */
public final class InboxWorkers implements AutoCloseable {

    /** The default number of events handled at once by one instance. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** The default longest wait between two looks for due rows when nothing wakes the poller. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** The default lease: how soon another instance takes over the rows of one that died. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** The default time {@link #stop()} lets running handlers finish. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The default time between two prunings of done rows. */
    public static final Duration DEFAULT_PRUNE_INTERVAL = Duration.ofHours(1);

    private static final System.Logger LOG = System.getLogger(InboxWorkers.class.getName());

    /** The shortest wait of the poller when rows are due but taken by others: no busy loop. */
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How soon after a notification the poller looks once more: a little after the inbox's notify spacing. */
    private static final long FOLLOW_UP_NANOS = JdbcInbox.NOTIFY_SPACING.toNanos() + TimeUnit.MILLISECONDS.toNanos(20);
    /** How long interrupted handlers get to return once the stop timeout is over. */
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(5);

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final JdbcInbox inbox;
    private final InboxQueue queue;
    private final Map<String, WebhookEndpoint> endpoints;
    private final List<String> names;
    private final int concurrency;
    private final Duration pollInterval;
    private final Duration lease;
    private final InboxRetry retry;
    private final Duration stopTimeout;
    private final Duration pruneInterval;
    private final boolean listen;
    private final String threadPrefix;
    private final String owner = UUID.randomUUID().toString();

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Map<Long, InboxQueue.Claimed> held = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile boolean abandoning;
    /** When the last notification came, by {@link System#nanoTime()}. */
    private volatile long notifiedAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    /** Whether the last heartbeat failed; read and written by the heartbeat's one thread. */
    private boolean renewing;
    private Thread poller;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService heartbeat;
    private InboxListener listener;

    private InboxWorkers(Builder builder) {
        this.inbox = builder.inbox;
        this.queue = new InboxQueue(builder.inbox);
        this.endpoints = Map.copyOf(builder.endpoints);
        this.names = List.copyOf(builder.endpoints.keySet());
        this.concurrency = builder.concurrency;
        this.pollInterval = builder.pollInterval;
        this.lease = builder.lease;
        this.retry = builder.retry;
        this.stopTimeout = builder.stopTimeout;
        this.pruneInterval = builder.pruneInterval;
        this.listen = builder.listen && inbox.notifications();
        this.threadPrefix = builder.threadPrefix;
    }

    /**
     * A builder for workers of an inbox.
     *
     * @param inbox the inbox whose events they handle
     * @return the builder
     */
    public static Builder builder(JdbcInbox inbox) {
        return new Builder(inbox);
    }

    /**
     * Starts the poller, the workers, the heartbeat and, when notifications are on, the listener.
     *
     * @throws IllegalStateException if they were started before
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("Inbox workers start once; these are " + state.get());
        }
        running = true;
        workers = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads(threadPrefix + "-worker-"));
        heartbeat = Executors.newSingleThreadScheduledExecutor(threads(threadPrefix + "-heartbeat-"));
        long period = Math.max(1, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
        if (listen) {
            if (InboxListener.driverPresent()) {
                listener = new InboxListener(inbox.dataSource(), inbox.channel(), this::notified,
                        pollInterval.toMillis());
                threads(threadPrefix + "-listener-").newThread(listener).start();
            } else {
                LOG.log(System.Logger.Level.INFO, "Inbox notifications are off: the PostgreSQL JDBC driver is not on "
                        + "the class path; the workers poll every " + pollInterval);
            }
        }
        poller = threads(threadPrefix + "-poller-").newThread(this::poll);
        poller.start();
    }

    /**
     * Whether the workers run: started and not yet stopping.
     *
     * @return true while they claim events
     */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** Looks for due rows now rather than at the end of the poll interval, for instance after a replay. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** A notification came: look now, and once more shortly, for the rows stored without one meanwhile. */
    private void notified() {
        notifiedAt = System.nanoTime();
        wake();
    }

    /**
     * Stops claiming, lets running handlers finish for up to the stop timeout, then interrupts them and gives
     * back the rows they held. Returns when the workers have stopped (or after the stop timeout and five seconds
     * more, for handlers that ignore the interrupt). Does nothing if they were never started or are stopped.
     */
    public void stop() {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            state.compareAndSet(State.NEW, State.STOPPED);
            return;
        }
        running = false;
        wake();
        if (listener != null) {
            listener.stop();
        }
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        try {
            poller.join(Math.max(1, stopTimeout.toMillis()));
            workers.shutdown();
            if (!workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                abandon();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
        } finally {
            heartbeat.shutdownNow();
            state.set(State.STOPPED);
        }
    }

    /** Interrupts the handlers still running; their rows, and rows never started, are given back. */
    private void abandon() {
        abandoning = true;
        for (Runnable never : workers.shutdownNow()) {
            if (never instanceof Task task) {
                release(task.row);
                finished(task.row);
            }
        }
        try {
            if (!workers.awaitTermination(ABANDON_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Inbox handlers still running " + ABANDON_WAIT
                        + " after they were interrupted; their events will be rescued by another instance when their lease expires");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the workers: {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The poller: rescues, prunes, claims what idle workers can take, and waits. */
    private void poll() {
        long rescuePeriod = Math.max(TimeUnit.MILLISECONDS.toNanos(50), lease.toNanos() / 4);
        long nextRescue = System.nanoTime();
        long nextPrune = System.nanoTime();
        boolean failing = false;
        while (running) {
            long wait = pollInterval.toNanos();
            try {
                long now = System.nanoTime();
                if (now - nextRescue >= 0) {
                    nextRescue = now + rescuePeriod;
                    int rescued = queue.rescue(retry.maxAttempts());
                    if (rescued > 0) {
                        LOG.log(System.Logger.Level.WARNING, "Inbox rescued " + rescued + " event(s) whose worker "
                                + "stopped or lost the database before finishing; they will be handled again");
                    }
                }
                if (now - nextPrune >= 0) {
                    nextPrune = now + pruneInterval.toNanos();
                    inbox.prune();
                }
                int idle = concurrency - busy.get();
                if (idle > 0) {
                    List<InboxQueue.Claimed> rows = queue.claim(owner, names, idle, lease);
                    for (InboxQueue.Claimed row : rows) {
                        held.put(row.id(), row);
                        busy.incrementAndGet();
                        try {
                            workers.execute(new Task(row));
                        } catch (RejectedExecutionException e) {
                            release(row); // stopping already
                            finished(row);
                        }
                    }
                    if (rows.size() == idle) {
                        continue; // perhaps more are due: claim again as soon as a worker is idle
                    }
                    Instant next = queue.nextDue(names);
                    if (next != null) {
                        long untilDue = Duration.between(inbox.clock().instant(), next).toNanos();
                        wait = Math.max(MIN_WAIT_NANOS, Math.min(wait, untilDue));
                    }
                }
                if (failing) {
                    LOG.log(System.Logger.Level.INFO, "Inbox workers reach the database again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.log(System.Logger.Level.WARNING, "Inbox workers cannot reach the database; trying again every "
                            + pollInterval, e);
                    failing = true;
                }
            }
            long now = System.nanoTime();
            long followUp = notifiedAt + FOLLOW_UP_NANOS;
            if (followUp - now > 0) {
                wait = Math.min(wait, followUp - now);
            }
            long untilChore = Math.min(nextRescue, nextPrune) - now;
            await(Math.max(0, Math.min(wait, untilChore)));
        }
    }

    private void await(long nanos) {
        synchronized (signal) {
            long deadline = System.nanoTime() + nanos;
            while (!woken && running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            woken = false;
        }
    }

    /** The heartbeat: extends the leases of the rows held. Says once when it fails, and once when it works again. */
    private void renewLeases() {
        if (held.isEmpty()) {
            return;
        }
        try {
            queue.renew(owner, Set.copyOf(held.keySet()), lease);
            if (renewing) {
                renewing = false;
                LOG.log(System.Logger.Level.INFO, "Inbox workers renew their leases again");
            }
        } catch (RuntimeException e) {
            if (!renewing) {
                renewing = true;
                LOG.log(System.Logger.Level.WARNING, "Inbox workers could not renew their leases; if the database "
                        + "stays out of reach for " + lease + ", another instance may run their events again", e);
            }
        }
    }

    /**
     * Dispatches one held row and settles it.
     *
     * @return the next row, claimed for this worker in the transaction that marked this one done, or null
     */
    private InboxQueue.Claimed process(InboxQueue.Claimed row) {
        WebhookEndpoint endpoint = endpoints.get(row.endpoint());
        VerifiedEvent event;
        try {
            event = VerifiedEvent.fromBytes(row.event());
        } catch (IllegalArgumentException e) {
            settleFailure(row, null, e, "unreadable stored event", true);
            return null;
        }
        InboxTransaction transaction = new InboxTransaction(inbox.dataSource(), row.id(), row.endpoint(),
                row.eventId(), row.attempt());
        Outcome outcome;
        transaction.bind();
        try {
            outcome = endpoint.dispatch(event, row.attempt());
        } catch (RuntimeException e) {
            // the stored event names another endpoint or provider than the one of its row
            transaction.unbind();
            rollback(transaction);
            settleFailure(row, event, e, "not dispatchable", true);
            return null;
        } catch (Error e) {
            // the JVM's own errors, rethrown by the dispatch: give the connection back before they go on
            rollback(transaction);
            throw e;
        } finally {
            transaction.unbind();
        }
        switch (outcome.status()) {
            case ACCEPTED, DUPLICATE -> {
                return complete(row, event, transaction);
            }
            case FAILED -> {
                rollback(transaction);
                if (abandoning) {
                    release(row);
                } else {
                    settleFailure(row, event, outcome, false);
                }
            }
            case MALFORMED, REJECTED -> {
                rollback(transaction);
                settleFailure(row, event, outcome, true);
            }
        }
        return null;
    }

    /** Marks the row done, claiming the next one in the same transaction while the workers run. */
    private InboxQueue.Claimed complete(InboxQueue.Claimed row, VerifiedEvent event, InboxTransaction transaction) {
        boolean claimNext = running && !abandoning;
        InboxQueue.Done done;
        try {
            done = transaction.isOpen() ? commit(row, transaction, claimNext)
                    : queue.doneAndClaim(row, claimNext, names, lease);
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Inbox could not record that event type " + event.type() + " id "
                    + event.id() + " of endpoint " + row.endpoint() + " was handled (" + errorText(e) + "); it will "
                    + "be handled again once its lease expires");
            return null;
        }
        if (!done.recorded()) {
            LOG.log(System.Logger.Level.WARNING, "Inbox lost the lease of event type " + event.type() + " id "
                    + event.id() + " of endpoint " + row.endpoint() + " before its handlers finished; another worker "
                    + "handles it again"
                    + (transaction.isOpen() ? ", and the handlers' transaction was rolled back" : ""));
        }
        if (done.next() != null) {
            held.put(done.next().id(), done.next());
        }
        return done.next();
    }

    /** Marks the row done in the handlers' transaction and commits both, or rolls both back. */
    private InboxQueue.Done commit(InboxQueue.Claimed row, InboxTransaction transaction, boolean claimNext)
            throws SQLException {
        Connection connection = transaction.raw();
        try {
            InboxQueue.Done done = queue.doneAndClaim(connection, row, claimNext, names, lease);
            if (done.recorded()) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return done;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            close(connection);
        }
    }

    private static void rollback(InboxTransaction transaction) {
        Connection connection = transaction.raw();
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "Inbox could not roll back a handler's transaction (SQLState "
                    + e.getSQLState() + "); its connection is closed with the transaction open");
        } finally {
            close(connection);
        }
    }

    /** Gives a handler's connection back with no transaction open: restoring auto-commit would commit one. */
    private static void close(Connection connection) {
        try {
            connection.rollback(); // nothing to undo after a commit or a rollback
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the pool resets it, or discards a broken connection
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do with it
        }
    }

    private void settleFailure(InboxQueue.Claimed row, VerifiedEvent event, Outcome outcome, boolean deadNow) {
        String error = outcome.failure() != null
                ? errorText(outcome.failure())
                : outcome.reason().code() + ": " + outcome.reason().description();
        settle(row, event, error, outcome.reason().code(), deadNow);
    }

    private void settleFailure(InboxQueue.Claimed row, VerifiedEvent event, Throwable failure, String why,
                               boolean deadNow) {
        settle(row, event, errorText(failure), why, deadNow);
    }

    private void settle(InboxQueue.Claimed row, VerifiedEvent event, String error, String why, boolean deadNow) {
        boolean dead = deadNow || !retry.allowsAnother(row.attempt());
        Duration backoff = retry.backoff(row.attempt(), ThreadLocalRandom.current().nextDouble());
        Instant runAfter = Sql.later(inbox.now(), backoff);
        String what = "Inbox event "
                + (event == null ? "in row " + row.id() : "type " + event.type() + " id " + event.id())
                + " of endpoint " + row.endpoint() + " failed on attempt " + row.attempt() + " of "
                + retry.maxAttempts() + " (" + why + ")";
        try {
            if (!queue.fail(row, dead ? InboxState.DEAD : InboxState.RETRYING, runAfter, error)) {
                LOG.log(System.Logger.Level.WARNING, what + ", after its lease was lost; another worker handles it");
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, what + "; the failure could not be recorded (" + errorText(e)
                    + "), so it is retried once its lease expires");
            return;
        }
        LOG.log(System.Logger.Level.WARNING, what + (dead ? "; it is dead until replayed"
                : "; next attempt in " + backoff.truncatedTo(ChronoUnit.MILLIS)));
    }

    private void release(InboxQueue.Claimed row) {
        try {
            queue.release(row);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Inbox could not give back row " + row.id() + " while stopping ("
                    + errorText(e) + "); another instance takes it once its lease expires");
        }
    }

    /** A row given back without being run: its slot is free again. */
    private void finished(InboxQueue.Claimed row) {
        held.remove(row.id());
        busy.decrementAndGet();
        wake();
    }

    /** A failure as {@code last_error} holds it: the exception's class and message, nothing else. */
    static String errorText(Throwable failure) {
        String message = failure.getMessage();
        return InboxQueue.truncate(failure.getClass().getName() + (message == null ? "" : ": " + message));
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "InboxWorkers[" + inbox.table() + ", endpoints=" + endpoints.keySet() + ", concurrency=" + concurrency
                + ", " + state.get() + "]";
    }

    /** One held row, run by a worker thread. */
    private final class Task implements Runnable {
        private final InboxQueue.Claimed row;

        Task(InboxQueue.Claimed row) {
            this.row = row;
        }

        /**
         * Handles its row, then, while the workers run, claims the next due row itself and handles that too, so
         * that under load the workers claim in parallel rather than one by one through the poller. Gives its slot
         * back to the poller when nothing more is due.
         */
        @Override
        public void run() {
            InboxQueue.Claimed current = row;
            while (current != null) {
                InboxQueue.Claimed next = null;
                try {
                    next = process(current);
                    if (next == null && running && !abandoning) {
                        next = claimNext(); // after a failure, or a handler's transaction that claimed nothing
                    }
                } finally {
                    held.remove(current.id());
                    if (next == null) {
                        busy.decrementAndGet();
                        wake();
                    }
                }
                current = next;
            }
        }
    }

    /** One more due row for a worker that has just finished one, or null when none is due or the database fails. */
    private InboxQueue.Claimed claimNext() {
        try {
            List<InboxQueue.Claimed> rows = queue.claim(owner, names, 1, lease);
            if (rows.isEmpty()) {
                return null;
            }
            InboxQueue.Claimed next = rows.get(0);
            held.put(next.id(), next);
            return next;
        } catch (RuntimeException e) {
            return null; // the poller says so, and tries again
        }
    }

    /** Configures {@link InboxWorkers}; not thread-safe. {@link #build()} checks everything. */
    public static final class Builder {
        private final JdbcInbox inbox;
        private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration lease = DEFAULT_LEASE;
        private InboxRetry retry = InboxRetry.defaults();
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private Duration pruneInterval = DEFAULT_PRUNE_INTERVAL;
        private boolean listen = true;
        private String threadPrefix = "hookline-inbox";

        private Builder(JdbcInbox inbox) {
            this.inbox = Objects.requireNonNull(inbox, "inbox");
        }

        /**
         * Handles the inbox's events of an endpoint. Rows of endpoints not added here are left to other workers.
         *
         * @param endpoint the endpoint, with its handlers; built with {@code Deduplicator.none()}, as the inbox
         *     deduplicates
         * @return this builder
         * @throws IllegalArgumentException if another endpoint of that name was added
         */
        public Builder endpoint(WebhookEndpoint endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            WebhookEndpoint other = endpoints.putIfAbsent(endpoint.name(), endpoint);
            if (other != null && other != endpoint) {
                throw new IllegalArgumentException("Two endpoints are named '" + endpoint.name() + "'");
            }
            return this;
        }

        /**
         * Handles the inbox's events of several endpoints.
         *
         * @param endpoints the endpoints
         * @return this builder
         */
        public Builder endpoints(Iterable<WebhookEndpoint> endpoints) {
            endpoints.forEach(this::endpoint);
            return this;
        }

        /**
         * How many events this instance handles at once. Default 4.
         *
         * @param concurrency from 1 to 1,000
         * @return this builder
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 1_000) {
                throw new IllegalArgumentException("concurrency must be from 1 to 1000, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * The longest wait between two looks for due rows when no notification, idle worker or due retry wakes
         * the poller sooner. Default 1 second.
         *
         * @param interval a positive duration
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /**
         * How long a claimed row stays this instance's without a heartbeat: the time after which another instance
         * rescues the rows of one that died. Renewed every third of it while the handlers run, so it bounds
         * nothing about them. Default 30 seconds.
         *
         * @param lease a positive duration; a few seconds at least, so that a pause of the JVM or the network does
         *     not let another instance run an event that is still running here
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            return this;
        }

        /**
         * How many attempts an event gets and how long failed ones wait. Default {@link InboxRetry#defaults()}.
         *
         * @param retry the policy
         * @return this builder
         */
        public Builder retry(InboxRetry retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * How long {@link InboxWorkers#stop()} lets running handlers finish before it interrupts them. Default 10
         * seconds.
         *
         * @param timeout zero or more
         * @return this builder
         */
        public Builder stopTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must not be negative, was " + timeout);
            }
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * How often done rows past the inbox's retention are pruned. Default every hour.
         *
         * @param interval a positive duration
         * @return this builder
         */
        public Builder pruneInterval(Duration interval) {
            this.pruneInterval = positive(interval, "pruneInterval");
            return this;
        }

        /**
         * Whether to listen for the inbox's notifications (when it sends them, and pgJDBC is the driver). Default
         * true; without, new rows are found at the next poll.
         *
         * @param listen whether to listen
         * @return this builder
         */
        public Builder listen(boolean listen) {
            this.listen = listen;
            return this;
        }

        /**
         * The start of the names of the threads, for thread dumps. Default {@code hookline-inbox}.
         *
         * @param prefix a non-blank prefix
         * @return this builder
         */
        public Builder threadNamePrefix(String prefix) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("threadNamePrefix must not be blank");
            }
            this.threadPrefix = prefix;
            return this;
        }

        /**
         * The workers, not yet started.
         *
         * @return the workers
         * @throws IllegalArgumentException if no endpoint was added
         */
        public InboxWorkers build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("Inbox workers need at least one endpoint to dispatch to");
            }
            return new InboxWorkers(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
