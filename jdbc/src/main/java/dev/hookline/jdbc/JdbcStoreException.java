package dev.hookline.jdbc;

import java.sql.SQLException;

/**
 * A database call of a Hookline store failed: the database could not be reached, refused the statement or
 * lacks the tables. Unchecked, so that {@code WebhookEndpoint} treats it as any store failure: the delivery
 * fails as "deduplication unavailable" (503) and the sender retries.
 *
 * <p>The message names the operation and the SQLState only, never an event id or a parameter value, so it is
 * safe to show and to log. The cause is the driver's exception, kept for diagnosis: PostgreSQL's server
 * messages may quote values (a key in a constraint violation, for one); pgJDBC's {@code logServerErrorDetail=false}
 * leaves them out.
 */
public final class JdbcStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The SQLState of the cause, or null. */
    private final String sqlState;

    /**
     * An exception for a failed operation.
     *
     * @param operation what failed, as a phrase such as "Deduplication store failed to claim an event"
     * @param cause the driver's exception
     */
    JdbcStoreException(String operation, SQLException cause) {
        super(operation + " (SQLState " + (cause.getSQLState() == null ? "unknown" : cause.getSQLState()) + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    /**
     * The SQLState the driver reported, such as {@code 08001} when no connection could be made.
     *
     * @return the SQLState, or null when the driver gave none
     */
    public String sqlState() {
        return sqlState;
    }
}
