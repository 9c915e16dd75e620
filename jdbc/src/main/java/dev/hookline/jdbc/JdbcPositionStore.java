package dev.hookline.jdbc;

import dev.hookline.providers.BackfillResult;
import dev.hookline.providers.EventPosition;
import dev.hookline.providers.PositionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A {@link PositionStore} in PostgreSQL, shared by every instance of an application and kept across restarts: of
 * the instances that run a backfill of one endpoint at the same time, one runs and the others skip their turn, and
 * each run goes on from the position the last one stored, so that no event is fetched and dispatched twice and none
 * is passed over.
 *
 * <p><b>Setting up.</b> The table is {@code <prefix>backfill_position}, created by version 3 of {@link JdbcSchema}:
 * call {@link JdbcSchema#apply(DataSource)} at start-up, or add its SQL to your own migrations. This class needs
 * {@code hookline-providers} on the class path (hookline-jdbc does not bring it).
 * <pre>{@code
 * PositionStore positions = JdbcPositionStore.create(dataSource);
 * positions.advance("exa", stored -> exa.backfill(endpoint,
 *         stored.orElse(EventPosition.since(Instant.now().minus(Duration.ofDays(1)))), null, null));
 * }</pre>
 *
 * <p><b>How it works.</b> An endpoint has one row. {@link #advance} first inserts it if it is missing (a statement
 * of its own, so that a new row never makes another instance wait), then, in one transaction on one connection,
 * takes the row with {@code SELECT ... FOR UPDATE SKIP LOCKED}: when another transaction holds it, no row comes back
 * and the call returns empty without waiting. Otherwise the backfill runs with the row locked, the position it
 * reached is written, and the transaction commits, which lets go of the row. If the backfill throws or the instance
 * dies, the transaction is rolled back (PostgreSQL does that for a lost connection) and the stored position stays
 * as it was: the next run dispatches those events again, and the endpoint's deduplication, shared when it is a
 * {@link JdbcDeduplicator}, finds them handled.
 *
 * <p><b>Connections.</b> A run holds one connection, in a transaction, for as long as it goes, while the handlers it
 * dispatches to use others (a {@link JdbcDeduplicator} one per claim): size the pool for that, and keep
 * {@code idle_in_transaction_session_timeout} off or longer than a run. Give it a plain data source, not one that
 * hands out the connection of the caller's transaction.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcPositionStore implements PositionStore {

    private final DataSource dataSource;
    private final String table;

    private final String addSql;
    private final String holdSql;
    private final String readSql;
    private final String storeSql;

    private JdbcPositionStore(DataSource dataSource, String prefix) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = TablePrefix.check(prefix) + "backfill_position";
        // The table name is a checked identifier (TablePrefix); every value is a parameter.
        this.addSql = "INSERT INTO " + table + " (endpoint) VALUES (?) ON CONFLICT (endpoint) DO NOTHING";
        this.readSql = "SELECT position_at, position_event_id FROM " + table + " WHERE endpoint = ?";
        this.holdSql = readSql + " FOR UPDATE SKIP LOCKED";
        this.storeSql = "UPDATE " + table + " SET position_at = ?, position_event_id = ?, updated_at = ?"
                + " WHERE endpoint = ?";
    }

    /**
     * The store in {@code hookline_backfill_position}. Nothing is read from the database yet: the table must exist
     * by the first run.
     *
     * @param dataSource the PostgreSQL database holding the table, preferably pooled
     * @return the store
     */
    public static JdbcPositionStore create(DataSource dataSource) {
        return new JdbcPositionStore(dataSource, JdbcSchema.DEFAULT_PREFIX);
    }

    /**
     * The store in the table of another prefix, as given to {@link JdbcSchema#withPrefix(String)}.
     *
     * @param dataSource the PostgreSQL database holding the table, preferably pooled
     * @param prefix 1 to 32 characters of {@code a-z}, {@code 0-9} and {@code _}, not starting with a digit
     * @return the store in {@code <prefix>backfill_position}
     * @throws IllegalArgumentException if the prefix is not such a name
     */
    public static JdbcPositionStore withPrefix(DataSource dataSource, String prefix) {
        return new JdbcPositionStore(dataSource, prefix);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The endpoint's row stays locked while {@code run} goes; another instance's call meanwhile returns empty.
     *
     * @throws JdbcStoreException if the database cannot be reached or refuses a statement; nothing is stored
     */
    @Override
    public Optional<BackfillResult> advance(String endpoint, Function<Optional<EventPosition>, BackfillResult> run) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(run, "run");
        Sql.call(dataSource, "Backfill position store failed to add an endpoint", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(addSql)) {
                statement.setString(1, endpoint);
                return statement.executeUpdate();
            }
        });
        return Sql.transaction(dataSource, "Backfill position store failed to hold or store a position",
                connection -> {
                    Optional<Optional<EventPosition>> held = read(connection, holdSql, endpoint);
                    if (held.isEmpty()) {
                        return Optional.empty();
                    }
                    BackfillResult result = Objects.requireNonNull(run.apply(held.get()), "the run's result");
                    store(connection, endpoint, result.position());
                    return Optional.of(result);
                });
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database cannot be reached or refuses the statement
     */
    @Override
    public Optional<EventPosition> position(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return Sql.call(dataSource, "Backfill position store failed to read a position",
                connection -> read(connection, readSql, endpoint)).flatMap(position -> position);
    }

    /** The row's position (empty inside when none is stored), or empty when there is no row to be had. */
    private static Optional<Optional<EventPosition>> read(Connection connection, String sql, String endpoint)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, endpoint);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Instant at = Sql.time(rows, 1);
                return Optional.of(at == null ? Optional.empty() : Optional.of(new EventPosition(at, rows.getString(2))));
            }
        }
    }

    private void store(Connection connection, String endpoint, EventPosition position) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(storeSql)) {
            Sql.setTime(statement, 1, position.createdAt());
            statement.setString(2, position.eventId());
            Sql.setTime(statement, 3, Instant.now());
            statement.setString(4, endpoint);
            statement.executeUpdate();
        }
    }

    /**
     * The table's name.
     *
     * @return {@code <prefix>backfill_position}
     */
    public String table() {
        return table;
    }

    @Override
    public String toString() {
        return "JdbcPositionStore[table=" + table + "]";
    }
}
