package dev.hookline.jdbc;

import dev.hookline.Acceptance;
import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Reason;
import dev.hookline.event.VerifiedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A durable inbox in PostgreSQL: an endpoint answers the sender as soon as the verified event is committed here,
 * and {@link InboxWorkers} in every instance run its handlers later, with retries, a dead state and replay.
 *
 * <p><b>Setting up.</b> The table is {@code <prefix>inbox}, created by version 2 of {@link JdbcSchema}. Build the
 * endpoints without a deduplicator of their own ({@code Deduplicator.none()}): the inbox's unique key deduplicates,
 * and a second store would only repeat it (an in-memory one would even remember events a replay must run again).
 * <pre>{@code
 * JdbcInbox inbox = JdbcInbox.builder(dataSource).build();
 * WebhookEndpoint exa = WebhookEndpoint.builder(Providers.exa())
 *         .secret(secret)
 *         .deduplicator(Deduplicator.none())
 *         .on(ExaEvents.WEBSET_ITEM_CREATED, item -> index(item))
 *         .build();
 * // in the HTTP adapter, instead of exa.receive(...):
 * Outcome outcome = inbox.receive(exa, delivery, receivedAt);   // 204 once stored, 503 if the database is down
 * // in every instance:
 * InboxWorkers workers = InboxWorkers.builder(inbox).endpoint(exa).build();
 * workers.start();
 * }</pre>
 *
 * <p><b>Accepting.</b> {@link #receive} verifies the delivery ({@link WebhookEndpoint#accept}) and stores the
 * verified event ({@link #add}) with one {@code INSERT ... ON CONFLICT (endpoint, event_id) DO NOTHING} in its own
 * transaction, committed before it returns: a new event is {@link Outcome.Status#ACCEPTED}, one already in the inbox
 * (a redelivery, whatever its state) {@link Outcome.Status#DUPLICATE}; both are answered 2xx. The key is the one the
 * endpoint's dispatcher would claim ({@link dev.hookline.Dispatcher#key}): the event id, or for a provider that
 * reads unsigned headers, the id with the body's digest. With {@linkplain Builder#notifications(boolean)
 * notifications} on, the same statement calls {@code pg_notify} for a new row, so that idle workers wake at once; at
 * most one insert in 50 ms of each inbox does, since notifying transactions share a lock at commit, and the workers
 * look again shortly after each notification for the rows that came without one.
 *
 * <p><b>Inspecting and repairing.</b> {@link #stats()} counts the rows per state and dates the oldest waiting one;
 * {@link #find}, {@link #list} show rows (never the payload); {@link #replay(long)} and {@link #replay(InboxFilter)}
 * send dead rows back to pending with their attempts reset; {@link #prune()} deletes done rows past the retention.
 *
 * <p><b>Time.</b> As with {@link JdbcDeduplicator}, every time is read from this inbox's {@link Builder#clock(Clock)
 * clock} and passed to the database; instances must keep their clocks in step (NTP does), since leases are judged
 * by them.
 *
 * <p><b>Failures.</b> Every method but {@link #receive} throws {@link JdbcStoreException} when the database cannot
 * be reached or refuses a statement; its message names the operation and the SQLState, never an event id or value.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcInbox {

    /** How long a done row is kept, for deduplication, unless another retention is chosen. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    /** How many rows one statement of {@link #prune()} deletes unless another batch size is chosen. */
    public static final int DEFAULT_PRUNE_BATCH_SIZE = 1_000;

    /**
     * The shortest time between two notifications from one inbox: each takes a lock at commit that every notifying
     * transaction of the database shares, so under load one notification wakes the workers for the rows of the next
     * few milliseconds too (they look again this long after a notification).
     */
    static final Duration NOTIFY_SPACING = Duration.ofMillis(50);

    private static final String COLUMNS = "id, endpoint, event_id, event_type, state, attempts, received_at, run_after,"
            + " lease_until, last_error, finished_at";

    private final DataSource dataSource;
    private final String table;
    private final String channel;
    private final Clock clock;
    private final Duration retention;
    private final int pruneBatchSize;
    private final boolean notifications;

    private final String addSql;
    private final String addAndNotifySql;
    private final String pruneSql;
    private final AtomicLong lastNotified = new AtomicLong(System.nanoTime() - NOTIFY_SPACING.toNanos());

    private JdbcInbox(Builder builder) {
        this.dataSource = builder.dataSource;
        this.table = builder.prefix + "inbox";
        this.channel = builder.prefix + "inbox";
        this.clock = builder.clock;
        this.retention = builder.retention;
        this.pruneBatchSize = builder.pruneBatchSize;
        this.notifications = builder.notifications;
        // The table name is a checked identifier (TablePrefix); every value is a parameter.
        String insert = "INSERT INTO " + table + " (endpoint, event_id, event_type, event, received_at,"
                + " replayable_until, state, attempts, run_after) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?)"
                + " ON CONFLICT (endpoint, event_id) DO NOTHING RETURNING id";
        this.addSql = insert;
        this.addAndNotifySql = "WITH added AS (" + insert + ") SELECT id, pg_notify(?, '') FROM added";
        // a bounded batch per statement, so that pruning never holds many row locks or one long transaction
        this.pruneSql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                + " WHERE state = 'done' AND finished_at <= ? AND (replayable_until IS NULL OR replayable_until <= ?)"
                + " LIMIT ?)";
    }

    /**
     * A builder for an inbox reached through a data source.
     *
     * @param dataSource the PostgreSQL database holding the table, preferably pooled
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Verifies a delivery and stores its event, for an adapter to answer with: the inbox's side of
     * {@link WebhookEndpoint#receive(Delivery, Instant)}. Runs no handler and tells no outcome observer (the
     * handlers' outcome is told when a worker dispatches the event).
     *
     * @param endpoint the endpoint the delivery was sent to
     * @param delivery the headers and raw body
     * @param receivedAt when the delivery arrived
     * @return {@link Outcome.Status#ACCEPTED} once a new event is committed (no handler has run yet),
     *     {@link Outcome.Status#DUPLICATE} when the event was in the inbox already, the endpoint's rejection when
     *     the delivery is not authentic or not an event, or {@link Outcome.Status#FAILED} with
     *     {@link InboxFailure#INBOX_UNAVAILABLE} (503: the sender retries, nothing is lost) when it could not be
     *     stored; never null, and no exception escapes
     */
    public Outcome receive(WebhookEndpoint endpoint, Delivery delivery, Instant receivedAt) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(receivedAt, "receivedAt");
        long start = System.nanoTime();
        Acceptance acceptance = endpoint.accept(delivery, receivedAt);
        if (acceptance instanceof Acceptance.Rejected rejected) {
            return rejected.outcome();
        }
        VerifiedEvent event = ((Acceptance.Verified) acceptance).event();
        try {
            boolean added = add(endpoint, event);
            return outcome(endpoint, added ? Outcome.Status.ACCEPTED : Outcome.Status.DUPLICATE, null, event, null,
                    start);
        } catch (RuntimeException e) {
            return outcome(endpoint, Outcome.Status.FAILED, InboxFailure.INBOX_UNAVAILABLE, event, e, start);
        }
    }

    private static Outcome outcome(WebhookEndpoint endpoint, Outcome.Status status, Reason reason,
                                   VerifiedEvent event, Throwable failure, long start) {
        return new Outcome(endpoint.name(), status, reason, event.id(), event.type(), 0, failure,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Stores a verified event as pending, unless the endpoint's inbox holds it already: one statement, committed
     * before it returns. For events accepted elsewhere, or fetched from the provider's API.
     *
     * @param endpoint the endpoint the event belongs to, whose dispatcher gives its key
     * @param event the event
     * @return true if it was stored now; false if a row of that key was there already
     * @throws IllegalArgumentException if the event belongs to another endpoint
     * @throws JdbcStoreException if the database cannot be reached or refuses the statement
     */
    public boolean add(WebhookEndpoint endpoint, VerifiedEvent event) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(event, "event");
        if (!event.endpoint().equals(endpoint.name())) {
            throw new IllegalArgumentException("An event of endpoint '" + event.endpoint()
                    + "' cannot be stored for endpoint '" + endpoint.name() + "'");
        }
        String key = endpoint.dispatcher().key(event).eventId();
        byte[] stored = event.toBytes();
        Instant now = now();
        OptionalLong slot = notifications ? notifySlot() : OptionalLong.empty();
        boolean notify = slot.isPresent();
        boolean added = false;
        try {
            added = store(endpoint, key, event, stored, now, notify);
            return added;
        } finally {
            if (notify && !added) {
                // a duplicate or a failed insert sent nothing: the next insert may notify at once
                lastNotified.compareAndSet(slot.getAsLong(), slot.getAsLong() - NOTIFY_SPACING.toNanos());
            }
        }
    }

    private boolean store(WebhookEndpoint endpoint, String key, VerifiedEvent event, byte[] stored, Instant now,
                          boolean notify) {
        return Sql.call(dataSource, "Inbox failed to store an event", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(notify ? addAndNotifySql : addSql)) {
                statement.setString(1, endpoint.name());
                statement.setString(2, key);
                statement.setString(3, event.type());
                statement.setBytes(4, stored);
                Sql.setTime(statement, 5, event.receivedAt());
                Sql.setTime(statement, 6, event.replayableUntil());
                Sql.setTime(statement, 7, now);
                if (notify) {
                    statement.setString(8, channel);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * The notification slot this insert takes, if it is the first after {@link #NOTIFY_SPACING} since the last one
     * that took it: the time it took it at, which {@link #add} gives back if the insert stores nothing.
     */
    private OptionalLong notifySlot() {
        long now = System.nanoTime();
        long last = lastNotified.get();
        return now - last >= NOTIFY_SPACING.toNanos() && lastNotified.compareAndSet(last, now)
                ? OptionalLong.of(now)
                : OptionalLong.empty();
    }

    /**
     * One row, by id.
     *
     * @param id the row's id
     * @return the row, or empty when there is none (never stored, or pruned)
     * @throws JdbcStoreException if the database cannot be reached
     */
    public Optional<InboxRow> find(long id) {
        return Sql.call(dataSource, "Inbox failed to read a row", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
                statement.setLong(1, id);
                return first(statement);
            }
        });
    }

    /**
     * One row, by its key.
     *
     * @param endpoint the endpoint's name
     * @param eventId the key: the event id, or for a provider that reads unsigned headers the id with
     *     {@code #sha256=} and the body's digest (the endpoint's {@code dispatcher().key(event)})
     * @return the row, or empty when there is none
     * @throws JdbcStoreException if the database cannot be reached
     */
    public Optional<InboxRow> find(String endpoint, String eventId) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(eventId, "eventId");
        return Sql.call(dataSource, "Inbox failed to read a row", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + table + " WHERE endpoint = ? AND event_id = ?")) {
                statement.setString(1, endpoint);
                statement.setString(2, eventId);
                return first(statement);
            }
        });
    }

    /**
     * The rows in one state that a filter chooses, oldest received first: the dead rows to look at before a
     * replay, for one.
     *
     * @param state the state
     * @param filter which rows; {@link InboxFilter#all()} for every one
     * @param limit the most rows returned, from 1 to 10,000
     * @return the rows
     * @throws JdbcStoreException if the database cannot be reached
     */
    public List<InboxRow> list(InboxState state, InboxFilter filter, int limit) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be from 1 to 10000, was " + limit);
        }
        Where where = Where.of(filter);
        return Sql.call(dataSource, "Inbox failed to list rows", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE state = ?" + where.sql() + " ORDER BY received_at, id LIMIT ?")) {
                statement.setString(1, state.code());
                int next = where.bind(statement, 2);
                statement.setInt(next, limit);
                List<InboxRow> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(row(result));
                    }
                }
                return rows;
            }
        });
    }

    /**
     * Counts the rows per state and finds when the oldest waiting (pending or retrying) row was received: one
     * statement that reads the whole table, so cache it for gauges rather than asking on every scrape.
     *
     * @return the figures, as of now by the inbox's clock
     * @throws JdbcStoreException if the database cannot be reached
     */
    public InboxStats stats() {
        return Sql.call(dataSource, "Inbox failed to count its rows", connection -> {
            Map<InboxState, Long> counts = new EnumMap<>(InboxState.class);
            Instant oldest = null;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT state, count(*), min(received_at) FROM " + table + " GROUP BY state");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    InboxState state = InboxState.of(rows.getString(1));
                    counts.put(state, rows.getLong(2));
                    Instant received = Sql.time(rows, 3);
                    if ((state == InboxState.PENDING || state == InboxState.RETRYING)
                            && (oldest == null || received.isBefore(oldest))) {
                        oldest = received;
                    }
                }
            }
            return new InboxStats(counts, oldest, clock.instant());
        });
    }

    /**
     * Sends one dead row back to pending, with its attempts reset, so that workers try it again from the first
     * attempt. Its last error stays until it fails again or is done.
     *
     * @param id the row's id
     * @return true if the row was dead and is pending now; false if it is in another state or does not exist
     * @throws JdbcStoreException if the database cannot be reached
     */
    public boolean replay(long id) {
        Instant now = now();
        return Sql.call(dataSource, "Inbox failed to replay an event", connection -> {
            int replayed;
            try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table
                    + " SET state = 'pending', attempts = 0, run_after = ?, finished_at = NULL"
                    + " WHERE id = ? AND state = 'dead'")) {
                Sql.setTime(statement, 1, now);
                statement.setLong(2, id);
                replayed = statement.executeUpdate();
            }
            notifyWorkers(connection, replayed);
            return replayed == 1;
        });
    }

    /**
     * Sends every dead row a filter chooses back to pending, with its attempts reset: after the bug or outage
     * that killed them is fixed.
     *
     * @param filter which dead rows: by endpoint, event type and time of receipt
     * @return how many rows are pending now
     * @throws JdbcStoreException if the database cannot be reached; nothing was changed
     */
    public int replay(InboxFilter filter) {
        Objects.requireNonNull(filter, "filter");
        Instant now = now();
        Where where = Where.of(filter);
        return Sql.call(dataSource, "Inbox failed to replay events", connection -> {
            int replayed;
            try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table
                    + " SET state = 'pending', attempts = 0, run_after = ?, finished_at = NULL"
                    + " WHERE state = 'dead'" + where.sql())) {
                Sql.setTime(statement, 1, now);
                where.bind(statement, 2);
                replayed = statement.executeUpdate();
            }
            notifyWorkers(connection, replayed);
            return replayed;
        });
    }

    private void notifyWorkers(Connection connection, int rows) throws SQLException {
        if (notifications && rows > 0) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, '')")) {
                statement.setString(1, channel);
                statement.executeQuery().close();
            }
        }
    }

    /**
     * Deletes the done rows finished longer ago than the retention and past the time until which a replay of
     * their delivery could be accepted: the inbox then forgets them, and a delivery of the same event would be
     * stored and handled again. Pending, running, retrying and dead rows are never pruned.
     *
     * <p>Deletes in batches of {@link Builder#pruneBatchSize(int)} rows, one short statement each, until a batch
     * finds fewer. {@link InboxWorkers} run it periodically; any instance may, several at once too.
     *
     * @return how many rows were deleted
     * @throws JdbcStoreException if the database cannot be reached; the batches deleted before stay deleted
     */
    public long prune() {
        Instant now = now();
        Instant finishedBefore = now.minus(retention);
        return Sql.call(dataSource, "Inbox failed to prune done events", connection -> {
            long deleted = 0;
            try (PreparedStatement statement = connection.prepareStatement(pruneSql)) {
                while (true) {
                    Sql.setTime(statement, 1, finishedBefore);
                    Sql.setTime(statement, 2, now);
                    statement.setInt(3, pruneBatchSize);
                    int batch = statement.executeUpdate();
                    deleted += batch;
                    if (batch < pruneBatchSize) {
                        return deleted;
                    }
                }
            }
        });
    }

    /**
     * The table's name.
     *
     * @return {@code <prefix>inbox}
     */
    public String table() {
        return table;
    }

    /**
     * The channel of {@code pg_notify} and {@code LISTEN}.
     *
     * @return {@code <prefix>inbox}
     */
    public String channel() {
        return channel;
    }

    /**
     * Whether new and replayed rows are announced with {@code pg_notify}.
     *
     * @return true if they are
     */
    public boolean notifications() {
        return notifications;
    }

    /**
     * How long done rows are kept.
     *
     * @return the retention
     */
    public Duration retention() {
        return retention;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Clock clock() {
        return clock;
    }

    /** The current time, to the microsecond PostgreSQL keeps. */
    Instant now() {
        return Sql.micros(clock.instant());
    }

    private static Optional<InboxRow> first(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(row(rows)) : Optional.empty();
        }
    }

    private static InboxRow row(ResultSet rows) throws SQLException {
        return new InboxRow(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                InboxState.of(rows.getString(5)), rows.getInt(6), Sql.time(rows, 7), Sql.time(rows, 8),
                Sql.time(rows, 9), rows.getString(10), Sql.time(rows, 11));
    }

    @Override
    public String toString() {
        return "JdbcInbox[table=" + table + ", retention=" + retention + ", notifications=" + notifications + "]";
    }

    /** The conditions of a filter, as SQL with parameters. */
    private record Where(String sql, List<Object> values) {

        static Where of(InboxFilter filter) {
            StringBuilder sql = new StringBuilder();
            List<Object> values = new ArrayList<>();
            if (filter.endpoint() != null) {
                sql.append(" AND endpoint = ?");
                values.add(filter.endpoint());
            }
            if (filter.type() != null) {
                sql.append(" AND event_type = ?");
                values.add(filter.type());
            }
            if (filter.receivedFrom() != null) {
                sql.append(" AND received_at >= ?");
                values.add(filter.receivedFrom());
            }
            if (filter.receivedBefore() != null) {
                sql.append(" AND received_at < ?");
                values.add(filter.receivedBefore());
            }
            return new Where(sql.toString(), values);
        }

        /** Binds the values from {@code index} on; returns the next index. */
        int bind(PreparedStatement statement, int index) throws SQLException {
            for (Object value : values) {
                if (value instanceof Instant time) {
                    Sql.setTime(statement, index++, time);
                } else {
                    statement.setString(index++, (String) value);
                }
            }
            return index;
        }
    }

    /** Configures a {@link JdbcInbox}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String prefix = JdbcSchema.DEFAULT_PREFIX;
        private Clock clock = Clock.systemUTC();
        private Duration retention = DEFAULT_RETENTION;
        private int pruneBatchSize = DEFAULT_PRUNE_BATCH_SIZE;
        private boolean notifications = true;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The prefix of the table, as given to {@link JdbcSchema#withPrefix(String)}. Default
         * {@value JdbcSchema#DEFAULT_PREFIX}, so the table is {@code hookline_inbox}.
         *
         * @param prefix 1 to 32 characters of {@code a-z}, {@code 0-9} and {@code _}, not starting with a digit
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not such a name
         */
        public Builder tablePrefix(String prefix) {
            this.prefix = TablePrefix.check(prefix);
            return this;
        }

        /**
         * The clock that times rows, leases and retention. Default the system UTC clock. Every instance sharing
         * the table must read clocks that agree.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a done row is kept after it finished, at least: while it is there, a redelivery of its event is
         * a duplicate. Default 7 days; it should cover the sender's retry schedule and every endpoint's replay
         * window, as the deduplicator's retention does. A row is in any case kept until a replay of its delivery
         * could no longer pass verification.
         *
         * @param retention a positive duration
         * @return this builder
         */
        public Builder retention(Duration retention) {
            Objects.requireNonNull(retention, "retention");
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention must be positive, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /**
         * The most rows one statement of {@link JdbcInbox#prune()} deletes. Default 1,000.
         *
         * @param pruneBatchSize from 1 to 100,000
         * @return this builder
         */
        public Builder pruneBatchSize(int pruneBatchSize) {
            if (pruneBatchSize < 1 || pruneBatchSize > 100_000) {
                throw new IllegalArgumentException("pruneBatchSize must be from 1 to 100000, was " + pruneBatchSize);
            }
            this.pruneBatchSize = pruneBatchSize;
            return this;
        }

        /**
         * Whether new and replayed rows are announced with {@code pg_notify} on the channel {@code <prefix>inbox},
         * on which {@link InboxWorkers} listen so that an idle worker starts at once instead of at its next poll.
         * Default true. Each notification takes a lock at commit that all notifying transactions of the database
         * share, so at most one insert in 50 ms notifies (the workers look again shortly after a notification, for
         * the rows that came without one); without notifications, new rows are found at the next poll.
         *
         * @param notifications whether to notify
         * @return this builder
         */
        public Builder notifications(boolean notifications) {
            this.notifications = notifications;
            return this;
        }

        /**
         * The inbox. Nothing is read from the database yet: its table must exist by the first delivery.
         *
         * @return the inbox
         */
        public JdbcInbox build() {
            return new JdbcInbox(this);
        }
    }
}
