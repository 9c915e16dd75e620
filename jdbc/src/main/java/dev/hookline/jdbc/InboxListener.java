package dev.hookline.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on the inbox's channel ({@code LISTEN <prefix>inbox}) on one connection of its own, and wakes the
 * workers on every notification, so that an idle inbox need not be polled often. Uses PostgreSQL's JDBC driver
 * (pgJDBC), reached through {@link Connection#unwrap}; load this class only when {@link #driverPresent()}.
 *
 * <p>When the connection breaks, it connects again after the poll interval; meanwhile the workers poll. When the
 * data source's connections are not pgJDBC's, it says so once and stops: the workers poll.
 */
final class InboxListener implements Runnable {

    private static final System.Logger LOG = System.getLogger(InboxListener.class.getName());

    /** How long one wait for notifications lasts, so that a stop is noticed. */
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final String channel;
    private final Runnable wake;
    private final long retryMillis;
    private volatile boolean running = true;

    InboxListener(DataSource dataSource, String channel, Runnable wake, long retryMillis) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.wake = wake;
        this.retryMillis = retryMillis;
    }

    /** Whether pgJDBC is on the class path. */
    static boolean driverPresent() {
        try {
            Class.forName("org.postgresql.PGConnection", false, InboxListener.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void run() {
        boolean failing = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isWrapperFor(PGConnection.class)) {
                    LOG.log(System.Logger.Level.INFO, "Inbox notifications are off: the data source's connections are "
                            + "not PostgreSQL JDBC driver connections; the workers poll instead");
                    return;
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel); // a checked identifier (TablePrefix)
                }
                if (failing) {
                    LOG.log(System.Logger.Level.INFO, "Inbox notifications are back on channel " + channel);
                    failing = false;
                }
                wake.run(); // rows may have come while nobody listened
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        wake.run();
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN " + channel);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.log(System.Logger.Level.WARNING, "Inbox notifications on channel " + channel
                            + " failed (SQLState " + (e instanceof SQLException sql ? sql.getSQLState() : "none")
                            + "); the workers poll until they are back", e);
                    failing = true;
                }
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryMillis);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening within half a second. */
    void stop() {
        running = false;
    }
}
