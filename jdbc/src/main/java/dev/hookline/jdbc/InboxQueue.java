package dev.hookline.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The workers' side of the {@link JdbcInbox}: the statements that claim due rows under a lease, renew the lease,
 * settle a row (done, retrying, dead, released) and rescue rows whose lease expired. Every settling statement
 * names the row's id, the lease's owner and the attempt, so a worker whose lease was lost (rescued and perhaps
 * taken again) changes nothing. Immutable and thread-safe.
 */
final class InboxQueue {

    /** The longest {@code last_error} kept. */
    static final int MAX_ERROR_LENGTH = 1_000;
    /** The most expired leases one rescue statement returns to retrying. */
    private static final int RESCUE_BATCH = 1_000;

    /** A row a worker holds: what it needs to dispatch the event and settle the row. */
    record Claimed(long id, String endpoint, String eventId, byte[] event, int attempt, String owner) {
        @Override
        public String toString() {
            return "Claimed[id=" + id + ", endpoint=" + endpoint + ", attempt=" + attempt + "]";
        }
    }

    private final JdbcInbox inbox;
    private final String claimSql;
    private final String nextDueSql;
    private final String renewSql;
    private final String doneSql;
    private final String failSql;
    private final String releaseSql;
    private final String rescueSql;

    InboxQueue(JdbcInbox inbox) {
        this.inbox = inbox;
        String table = inbox.table();
        String held = " WHERE id = ? AND owner = ? AND attempts = ? AND state = 'running'";
        // SKIP LOCKED: of two instances claiming at once, each takes other rows, and neither waits for the other
        this.claimSql = "WITH due AS (SELECT id FROM " + table
                + " WHERE state IN ('pending', 'retrying') AND run_after <= ? AND endpoint = ANY (?)"
                + " ORDER BY run_after, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE " + table + " AS i SET state = 'running', owner = ?, lease_until = ?,"
                + " attempts = i.attempts + 1 FROM due WHERE i.id = due.id"
                + " RETURNING i.id, i.endpoint, i.event_id, i.event, i.attempts";
        this.nextDueSql = "SELECT min(run_after) FROM " + table
                + " WHERE state IN ('pending', 'retrying') AND endpoint = ANY (?)";
        this.renewSql = "UPDATE " + table + " SET lease_until = ?"
                + " WHERE id = ANY (?) AND owner = ? AND state = 'running'";
        this.doneSql = "UPDATE " + table + " SET state = 'done', owner = NULL, lease_until = NULL, finished_at = ?"
                + held;
        this.failSql = "UPDATE " + table + " SET state = ?, owner = NULL, lease_until = NULL, run_after = ?,"
                + " last_error = ?, finished_at = ?" + held;
        this.releaseSql = "UPDATE " + table + " SET state = CASE WHEN attempts > 1 THEN 'retrying' ELSE 'pending' END,"
                + " attempts = attempts - 1, owner = NULL, lease_until = NULL, run_after = ?" + held;
        this.rescueSql = "WITH expired AS (SELECT id FROM " + table
                + " WHERE state = 'running' AND lease_until <= ? ORDER BY lease_until LIMIT " + RESCUE_BATCH
                + " FOR UPDATE SKIP LOCKED)"
                + " UPDATE " + table + " AS i SET state = CASE WHEN i.attempts >= ? THEN 'dead' ELSE 'retrying' END,"
                + " owner = NULL, lease_until = NULL, run_after = ?, last_error = ?,"
                + " finished_at = CASE WHEN i.attempts >= ? THEN ? ELSE NULL END"
                + " FROM expired WHERE i.id = expired.id";
    }

    JdbcInbox inbox() {
        return inbox;
    }

    /**
     * Takes up to {@code limit} due rows of the given endpoints, oldest due first, as running under a lease of
     * {@code owner} until now plus {@code lease}, counting an attempt for each: one statement, committed.
     */
    List<Claimed> claim(String owner, Collection<String> endpoints, int limit, Duration lease) {
        return Sql.transaction(inbox.dataSource(), "Inbox failed to claim events",
                connection -> claim(connection, owner, endpoints, limit, lease));
    }

    /**
     * {@link #claim(String, Collection, int, Duration)} on {@code connection}, in the transaction it is in (auto-commit
     * off). The transaction first turns explicit sorts off for itself: the claim must walk the due index in order, and
     * a planner without statistics (a new table, autovacuum off) would otherwise sort every due row for each claim.
     */
    List<Claimed> claim(Connection connection, String owner, Collection<String> endpoints, int limit, Duration lease)
            throws SQLException {
        Instant now = inbox.now();
        Instant leaseUntil = Sql.later(now, lease);
        try (Statement set = connection.createStatement()) {
            set.execute("SET LOCAL enable_sort = off");
        }
        try (PreparedStatement statement = connection.prepareStatement(claimSql)) {
            Sql.setTime(statement, 1, now);
            statement.setArray(2, names(connection, endpoints));
            statement.setInt(3, limit);
            statement.setString(4, owner);
            Sql.setTime(statement, 5, leaseUntil);
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Claimed(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getBytes(4), rows.getInt(5), owner));
                }
            }
            return claimed;
        }
    }

    /** What settling a row as done gave: whether it was still this worker's, and the next row it claimed, if any. */
    record Done(boolean recorded, Claimed next) {
    }

    /**
     * Marks a held row done and, in the same transaction (one commit for both), claims the next due row for the
     * same worker when {@code claimNext}: under load a worker then pays one commit per event, not two.
     */
    Done doneAndClaim(Claimed row, boolean claimNext, Collection<String> endpoints, Duration lease) {
        return Sql.transaction(inbox.dataSource(), "Inbox failed to record a handled event",
                connection -> doneAndClaim(connection, row, claimNext, endpoints, lease));
    }

    /** {@link #doneAndClaim(Claimed, boolean, Collection, Duration)} on {@code connection}, left uncommitted. */
    Done doneAndClaim(Connection connection, Claimed row, boolean claimNext, Collection<String> endpoints,
                      Duration lease) throws SQLException {
        if (!done(connection, row)) {
            return new Done(false, null);
        }
        if (!claimNext) {
            return new Done(true, null);
        }
        List<Claimed> next = claim(connection, row.owner(), endpoints, 1, lease);
        return new Done(true, next.isEmpty() ? null : next.get(0));
    }

    /** When the next pending or retrying row of the endpoints is due, or null when none waits. */
    Instant nextDue(Collection<String> endpoints) {
        return Sql.call(inbox.dataSource(), "Inbox failed to look for due events", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(nextDueSql)) {
                statement.setArray(1, names(connection, endpoints));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Sql.time(rows, 1) : null;
                }
            }
        });
    }

    /** Extends the leases of the rows {@code owner} still holds; returns how many it holds. */
    int renew(String owner, Collection<Long> ids, Duration lease) {
        Instant leaseUntil = Sql.later(inbox.now(), lease);
        return Sql.call(inbox.dataSource(), "Inbox failed to renew leases", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(renewSql)) {
                Sql.setTime(statement, 1, leaseUntil);
                statement.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
                statement.setString(3, owner);
                return statement.executeUpdate();
            }
        });
    }

    /** Marks a held row done on {@code connection}, in whatever transaction it is in. */
    boolean done(Connection connection, Claimed row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(doneSql)) {
            Sql.setTime(statement, 1, inbox.now());
            bindHeld(statement, 2, row);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Settles a held row that failed: retrying, due at {@code runAfter}, or dead; with its error.
     *
     * @param error the failure's description, truncated here
     */
    boolean fail(Claimed row, InboxState state, Instant runAfter, String error) {
        if (state != InboxState.RETRYING && state != InboxState.DEAD) {
            throw new IllegalArgumentException("A failed row is retrying or dead, not " + state);
        }
        Instant now = inbox.now();
        return Sql.call(inbox.dataSource(), "Inbox failed to record a failed event", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(failSql)) {
                statement.setString(1, state.code());
                Sql.setTime(statement, 2, state == InboxState.DEAD ? now : runAfter);
                statement.setString(3, truncate(error));
                Sql.setTime(statement, 4, state == InboxState.DEAD ? now : null);
                bindHeld(statement, 5, row);
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** Gives a held row back, due now, without counting its attempt: for a worker stopping before it ran. */
    boolean release(Claimed row) {
        Instant now = inbox.now();
        return Sql.call(inbox.dataSource(), "Inbox failed to release an event", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(releaseSql)) {
                Sql.setTime(statement, 1, now);
                bindHeld(statement, 2, row);
                return statement.executeUpdate() == 1;
            }
        });
    }

    /**
     * Returns rows whose lease has expired (their worker's instance died or lost the database mid-handler) to
     * retrying, due now, or to dead when they have had {@code maxAttempts} attempts. Returns how many.
     */
    int rescue(int maxAttempts) {
        Instant now = inbox.now();
        return Sql.call(inbox.dataSource(), "Inbox failed to rescue expired leases", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(rescueSql)) {
                Sql.setTime(statement, 1, now);
                statement.setInt(2, maxAttempts);
                Sql.setTime(statement, 3, now);
                statement.setString(4, "Lease expired: the worker holding the event stopped, or lost the database,"
                        + " before it finished");
                statement.setInt(5, maxAttempts);
                Sql.setTime(statement, 6, now);
                return statement.executeUpdate();
            }
        });
    }

    private static void bindHeld(PreparedStatement statement, int index, Claimed row) throws SQLException {
        statement.setLong(index, row.id());
        statement.setString(index + 1, row.owner());
        statement.setInt(index + 2, row.attempt());
    }

    private static Array names(Connection connection, Collection<String> endpoints) throws SQLException {
        return connection.createArrayOf("text", endpoints.toArray());
    }

    /** At most {@link #MAX_ERROR_LENGTH} characters, never splitting a surrogate pair. */
    static String truncate(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        int end = MAX_ERROR_LENGTH - 3;
        if (Character.isHighSurrogate(error.charAt(end - 1))) {
            end--;
        }
        return error.substring(0, end) + "...";
    }
}
