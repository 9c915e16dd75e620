package dev.hookline.jdbc;

import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A {@link Deduplicator} in PostgreSQL, shared by every instance of an application and kept across restarts.
 *
 * <p><b>Setting up.</b> The table is {@code <prefix>deduplication}, created by version 1 of {@link JdbcSchema}:
 * call {@link JdbcSchema#apply(javax.sql.DataSource)} at start-up, or add its SQL to your own migrations. Then
 * <pre>{@code
 * JdbcDeduplicator deduplicator = JdbcDeduplicator.builder(dataSource).build();
 * WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa())
 *         .secret(secret)
 *         .deduplicator(deduplicator)
 *         .build();
 * }</pre>
 * Any {@link DataSource} for PostgreSQL works; use a pool (such as HikariCP), since every call takes a connection
 * for one or two statements and gives it back at once. Each statement is its own transaction (a connection
 * handed out with auto-commit off is switched to auto-commit for the call and back), so no lock is held between
 * calls and the table never joins an application's transaction. Give it a plain data source, not one that hands
 * out the connection of the caller's transaction. One table may serve every endpoint and instance: rows are
 * keyed by the endpoint's name and the event id.
 *
 * <p><b>How it works.</b> A claim is one statement: insert the event as held under a new lease (a random owner
 * token until now plus the lease), or, if the event is there already, take it over when its holder's lease has
 * expired or when it was handled so long ago that it has expired; PostgreSQL's {@code INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE} makes that atomic, so of two instances claiming at once exactly one acquires. Otherwise a
 * second statement reads whether the event is completed or in progress. {@link #complete} and {@link #release}
 * change the row only while it is still held by the same owner token, so a lease that was taken over can no
 * longer settle it. Release deletes the row, which a later claim then inserts again.
 *
 * <p><b>Time.</b> Every time is read from this store's {@link Builder#clock(Clock) clock} (the system UTC clock
 * by default) and passed to the database as a parameter; the database's own {@code now()} is never used. Instances
 * therefore agree on leases and expiry exactly as far as their clocks agree: {@code WebhookEndpoint} leases run
 * 10 seconds past the handler budget, so clocks must agree to well within that, as NTP keeps them (to
 * milliseconds). An instance whose clock runs ahead takes leases over early; one that lags waits longer.
 *
 * <p><b>Retention.</b> A handled event is remembered for the {@link Builder#retention(Duration) retention} after
 * it completed (a week by default), or until the {@code keepUntil} given to {@link #complete} if that is later:
 * an event is never forgotten while a replay of its delivery could still be accepted. {@code WebhookEndpoint}
 * refuses to be built with a store whose retention is shorter than its replay window. Expired rows stay in the
 * table, ignored by claims, until {@link #prune()} deletes them: schedule it.
 *
 * <p><b>Never busy.</b> Unlike the in-memory store, this one never answers {@link Claim.Status#BUSY}: a database
 * has no small bound on the events it holds. When the database cannot be reached or refuses a statement, every
 * method throws a {@link JdbcStoreException}; the endpoint answers that deduplication is unavailable (503), and
 * the sender retries. Its message never holds an event id or a parameter value.
 *
 * <p><b>Ids.</b> The endpoint and the event id are {@code text}. Together they may be up to about 2,600 bytes long,
 * PostgreSQL's limit for an entry of the primary-key index; a longer key fails its claim with
 * {@link JdbcStoreException} (SQLState 54000). Provider ids are far shorter.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcDeduplicator implements Deduplicator {

    /** How long a handled event is remembered unless another retention is chosen. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    /** How many rows one statement of {@link #prune()} deletes unless another batch size is chosen. */
    public static final int DEFAULT_PRUNE_BATCH_SIZE = 1_000;

    /** How often a claim tries again when the row it conflicted with was gone before it could be read. */
    private static final int CLAIM_ATTEMPTS = 3;

    private static final String HELD = "held";
    private static final String COMPLETED = "completed";

    private final DataSource dataSource;
    private final String table;
    private final Duration retention;
    private final Clock clock;
    private final int pruneBatchSize;

    private final String claimSql;
    private final String stateSql;
    private final String completeSql;
    private final String releaseSql;
    private final String pruneSql;

    private JdbcDeduplicator(Builder builder) {
        this.dataSource = builder.dataSource;
        this.table = builder.prefix + "deduplication";
        this.retention = builder.retention;
        this.clock = builder.clock;
        this.pruneBatchSize = builder.pruneBatchSize;
        // The table name is a checked identifier (TablePrefix); every value is a parameter.
        this.claimSql = "INSERT INTO " + table + " AS d"
                + " (endpoint, event_id, state, owner, lease_until, completed_at, expires_at)"
                + " VALUES (?, ?, 'held', ?, ?, NULL, ?)"
                + " ON CONFLICT (endpoint, event_id) DO UPDATE"
                + " SET state = 'held', owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until,"
                + " completed_at = NULL, expires_at = EXCLUDED.expires_at"
                + " WHERE (d.state = 'held' AND d.lease_until <= ?)"
                + " OR (d.state = 'completed' AND d.expires_at <= ?)"
                + " RETURNING d.owner";
        this.stateSql = "SELECT state FROM " + table + " WHERE endpoint = ? AND event_id = ?";
        this.completeSql = "UPDATE " + table + " SET state = 'completed', completed_at = ?, expires_at = ?"
                + " WHERE endpoint = ? AND event_id = ? AND owner = ? AND state = 'held'";
        this.releaseSql = "DELETE FROM " + table
                + " WHERE endpoint = ? AND event_id = ? AND owner = ? AND state = 'held'";
        // ctid: the physical row, so that one statement deletes at most a batch, holding its locks briefly.
        // The outer condition is checked again on a row changed meanwhile (a claim taking it over).
        this.pruneSql = "DELETE FROM " + table + " WHERE ctid IN"
                + " (SELECT ctid FROM " + table + " WHERE expires_at <= ? LIMIT ?)"
                + " AND expires_at <= ?";
    }

    /**
     * A builder for a store reached through a data source.
     *
     * @param dataSource the PostgreSQL database holding the table, preferably pooled
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One or two statements on one connection: never {@link Claim.Status#BUSY}.
     *
     * @throws JdbcStoreException if the database cannot be reached or refuses the statement
     */
    @Override
    public Claim claim(EventKey key, Duration lease) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lease, "lease");
        Instant now = now();
        Instant leaseUntil = Sql.later(now, lease);
        Instant expiresAt = Sql.later(leaseUntil, retention);
        String owner = UUID.randomUUID().toString();
        return Sql.call(dataSource, "Deduplication store failed to claim an event", connection -> {
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                if (insertOrTakeOver(connection, key, owner, now, leaseUntil, expiresAt)) {
                    return Claim.acquired(new Lease(key, owner, leaseUntil));
                }
                String state = state(connection, key);
                if (COMPLETED.equals(state)) {
                    return Claim.completed();
                }
                if (HELD.equals(state)) {
                    return Claim.inProgress();
                }
                // released or pruned between the two statements: claim again
            }
            return Claim.inProgress();
        });
    }

    private boolean insertOrTakeOver(Connection connection, EventKey key, String owner, Instant now,
                                     Instant leaseUntil, Instant expiresAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(claimSql)) {
            statement.setString(1, key.endpoint());
            statement.setString(2, key.eventId());
            statement.setString(3, owner);
            Sql.setTime(statement, 4, leaseUntil);
            Sql.setTime(statement, 5, expiresAt);
            Sql.setTime(statement, 6, now);
            Sql.setTime(statement, 7, now);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private String state(Connection connection, EventKey key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(stateSql)) {
            statement.setString(1, key.endpoint());
            statement.setString(2, key.eventId());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The event is then remembered until the later of now plus the retention and {@code keepUntil}.
     *
     * @throws JdbcStoreException if the database cannot be reached or refuses the statement
     */
    @Override
    public boolean complete(Lease lease, Instant keepUntil) {
        Objects.requireNonNull(lease, "lease");
        Instant now = now();
        Instant expiresAt = Sql.later(now, retention);
        if (keepUntil != null && keepUntil.isAfter(expiresAt)) {
            expiresAt = keepUntil.isAfter(Sql.LATEST) ? Sql.LATEST : keepUntil;
        }
        Instant forgetAt = expiresAt;
        return Sql.call(dataSource, "Deduplication store failed to record a handled event", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(completeSql)) {
                Sql.setTime(statement, 1, now);
                Sql.setTime(statement, 2, forgetAt);
                statement.setString(3, lease.key().endpoint());
                statement.setString(4, lease.key().eventId());
                statement.setString(5, lease.owner());
                return statement.executeUpdate() == 1;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database cannot be reached or refuses the statement
     */
    @Override
    public boolean release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return Sql.call(dataSource, "Deduplication store failed to release an event", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(releaseSql)) {
                statement.setString(1, lease.key().endpoint());
                statement.setString(2, lease.key().eventId());
                statement.setString(3, lease.owner());
                return statement.executeUpdate() == 1;
            }
        });
    }

    /**
     * The retention chosen with {@link Builder#retention(Duration)}: handled events are remembered at least this
     * long after they completed.
     *
     * @return the retention
     */
    @Override
    public Optional<Duration> retention() {
        return Optional.of(retention);
    }

    /**
     * Deletes the rows that have expired by now: events handled longer ago than the retention (and past the
     * {@code keepUntil} of their completion), and events whose holder's lease ended longer ago than the
     * retention without settling it (a crashed instance whose event was never delivered again). Claims ignore
     * such rows already, so pruning changes no answer; it only keeps the table small.
     *
     * <p>Deletes in batches of {@link Builder#pruneBatchSize(int)} rows, one short statement each, until a batch
     * finds fewer rows, so that it never holds many row locks or one long transaction. Nothing runs it for you:
     * schedule it, for example hourly on a {@code ScheduledExecutorService}. Any instance may run it, several at
     * once too.
     *
     * @return how many rows were deleted
     * @throws JdbcStoreException if the database cannot be reached or refuses the statement; the batches deleted
     *     before stay deleted
     */
    public long prune() {
        Instant now = now();
        return Sql.call(dataSource, "Deduplication store failed to prune expired events", connection -> {
            long deleted = 0;
            try (PreparedStatement statement = connection.prepareStatement(pruneSql)) {
                while (true) {
                    Sql.setTime(statement, 1, now);
                    statement.setInt(2, pruneBatchSize);
                    Sql.setTime(statement, 3, now);
                    int batch = statement.executeUpdate();
                    deleted += batch;
                    if (batch < pruneBatchSize) {
                        return deleted;
                    }
                }
            }
        });
    }

    /** The current time, to the microsecond PostgreSQL keeps, so that leases read back equal. */
    private Instant now() {
        return Sql.micros(clock.instant());
    }

    @Override
    public String toString() {
        return "JdbcDeduplicator[table=" + table + ", retention=" + retention + "]";
    }

    /** Configures a {@link JdbcDeduplicator}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String prefix = JdbcSchema.DEFAULT_PREFIX;
        private Duration retention = DEFAULT_RETENTION;
        private Clock clock = Clock.systemUTC();
        private int pruneBatchSize = DEFAULT_PRUNE_BATCH_SIZE;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The prefix of the table, as given to {@link JdbcSchema#withPrefix(String)}. Default
         * {@value JdbcSchema#DEFAULT_PREFIX}, so the table is {@code hookline_deduplication}.
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
         * How long a handled event is remembered after it completed, at least. Default 7 days: it must cover
         * the replay window of every endpoint using the store (an endpoint refuses a shorter one; Encrata's
         * event-age window, the longest default, is 3 days) and the sender's retry schedule, since a retry
         * arriving after its event was forgotten runs the handlers again (the longest common schedules end
         * within 3 days). A row takes a few hundred bytes, so a database keeps a week of events cheaply;
         * {@link JdbcDeduplicator#prune()} deletes them afterwards.
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
         * The clock that times leases and retention. Default the system UTC clock. Every instance sharing the
         * table must read clocks that agree (see the class description).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The most rows one statement of {@link JdbcDeduplicator#prune()} deletes. Default 1,000.
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
         * The store. Nothing is read from the database yet: its table must exist by the first claim.
         *
         * @return the store
         */
        public JdbcDeduplicator build() {
            return new JdbcDeduplicator(this);
        }
    }
}
