package dev.hookline.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * What the inbox's statements share: times to the microsecond PostgreSQL keeps, bound as {@code timestamptz}, and
 * one short call on a connection of its own. Stateless.
 */
final class Sql {

    /** The latest time written, so that a huge lease, backoff or retention never overflows PostgreSQL's timestamps. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Sql() {
    }

    /** The instant to the microsecond, no later than {@link #LATEST}. */
    static Instant micros(Instant time) {
        return time.isAfter(LATEST) ? LATEST : time.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code time + duration} to the microsecond, no later than {@link #LATEST}. */
    static Instant later(Instant time, Duration duration) {
        if (duration.compareTo(Duration.between(time, LATEST)) >= 0) {
            return LATEST;
        }
        return time.plus(duration).truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds a time, or SQL NULL. */
    static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(micros(time), ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /** Reads a time, or null. */
    static Instant time(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /**
     * Runs statements on a connection of their own, each its own transaction (a connection handed out with
     * auto-commit off is switched to auto-commit for the call and back).
     *
     * @throws JdbcStoreException naming {@code failure} and the SQLState
     */
    static <T> T call(DataSource dataSource, String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.getAutoCommit()) {
                return work.run(connection);
            }
            connection.setAutoCommit(true);
            try {
                return work.run(connection);
            } finally {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException(failure, e);
        }
    }

    /**
     * Runs statements on a connection of their own in one transaction, committed when {@code work} returns and
     * rolled back when it throws.
     *
     * @throws JdbcStoreException naming {@code failure} and the SQLState
     */
    static <T> T transaction(DataSource dataSource, String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException(failure, e);
        }
    }

    /** Statements run on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
