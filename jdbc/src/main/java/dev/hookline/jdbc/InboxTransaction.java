package dev.hookline.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The database transaction in which an {@link InboxWorkers} worker marks an event done, offered to the event's
 * handlers so that their own writes commit with it: either the handlers' writes and the row's {@code done} both
 * commit, or neither does. A handler takes it on its own thread, while the worker dispatches the event:
 *
 * <pre>{@code
 * .on(ExaEvents.WEBSET_ITEM_CREATED, item -> {
 *     InboxTransaction transaction = InboxTransaction.current().orElseThrow();
 *     try (PreparedStatement insert = transaction.connection().prepareStatement(
 *             "INSERT INTO items (id, url) VALUES (?, ?)")) {
 *         insert.setString(1, item.id());
 *         insert.setString(2, item.properties().url());
 *         insert.executeUpdate();
 *     }
 * })
 * }</pre>
 *
 * <p><b>What it gives.</b> Writes through {@link #connection()} happen exactly once per event: if a handler throws,
 * times out, or its worker's lease was lost (the row rescued by another instance), the transaction is rolled back
 * with nothing recorded, and the next attempt starts afresh; if the instance dies before the commit, PostgreSQL
 * rolls it back. Everything else a handler does (an HTTP call, a message sent, a write to another database) is at
 * least once: it may be repeated by a later attempt, so make it idempotent, keyed by the event id.
 *
 * <p><b>The connection.</b> It comes from the inbox's data source on the first call of {@link #connection()}, with
 * auto-commit off (an event whose handlers never ask for it holds no connection while they run), and the worker
 * commits or rolls it back and gives it back. So the handlers must not: {@code commit}, {@code rollback()},
 * {@code setAutoCommit} and {@code abort} throw {@link SQLException}, and {@code close} does nothing, so that
 * try-with-resources on it is harmless. Savepoints work. The handlers' tables must be in the inbox's database.
 *
 * <p>Not thread-safe: use it on the handler's own thread, and not after the handler returns.
 */
public final class InboxTransaction {

    private static final ThreadLocal<InboxTransaction> CURRENT = new ThreadLocal<>();

    private static final Set<String> REFUSED = Set.of("commit", "rollback", "setAutoCommit", "abort");

    private final DataSource dataSource;
    private final long rowId;
    private final String endpoint;
    private final String eventId;
    private final int attempt;
    private Connection connection;
    private Connection view;
    private boolean ended;

    InboxTransaction(DataSource dataSource, long rowId, String endpoint, String eventId, int attempt) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.rowId = rowId;
        this.endpoint = endpoint;
        this.eventId = eventId;
        this.attempt = attempt;
    }

    /**
     * The transaction of the event whose handlers run on this thread, when an {@link InboxWorkers} worker
     * dispatches it.
     *
     * @return the transaction, or empty when no inbox worker is dispatching on this thread (a delivery handled
     *     as it arrives, for one)
     */
    public static Optional<InboxTransaction> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * The connection of the transaction, opened on the first call.
     *
     * @return the connection, with auto-commit off; do not commit, roll back or close it
     * @throws SQLException if no connection could be had, or the worker has settled the event already
     */
    public Connection connection() throws SQLException {
        if (ended) {
            throw new SQLException("The inbox transaction of this event has ended: its handlers have returned");
        }
        if (view == null) {
            Connection opened = dataSource.getConnection();
            try {
                opened.setAutoCommit(false);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
            view = (Connection) Proxy.newProxyInstance(InboxTransaction.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new Guard(opened));
        }
        return view;
    }

    /**
     * The id of the event's row in the inbox.
     *
     * @return the row's id
     */
    public long rowId() {
        return rowId;
    }

    /**
     * The endpoint's name.
     *
     * @return the name
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * The row's key: the event id, or for a provider that reads unsigned headers, the id with the body's digest.
     * An idempotency key for effects outside the transaction.
     *
     * @return the key
     */
    public String eventId() {
        return eventId;
    }

    /**
     * Which attempt this is, from 1.
     *
     * @return the attempt
     */
    public int attempt() {
        return attempt;
    }

    /** Makes this the current transaction of the calling thread. */
    void bind() {
        CURRENT.set(this);
    }

    /** Ends this thread's binding; the connection, if any, stays open for the worker to settle. */
    void unbind() {
        CURRENT.remove();
        ended = true;
    }

    /** Whether a handler opened the connection. */
    boolean isOpen() {
        return connection != null;
    }

    /** The connection itself, for the worker to settle the row on, commit and close; null if never opened. */
    Connection raw() {
        return connection;
    }

    @Override
    public String toString() {
        return "InboxTransaction[endpoint=" + endpoint + ", row=" + rowId + ", attempt=" + attempt + "]";
    }

    /** Refuses what only the worker may do, ignores close, and passes everything else on. */
    private static final class Guard implements InvocationHandler {
        private final Connection target;

        Guard(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close") && method.getParameterCount() == 0) {
                return null;
            }
            if (name.equals("isClosed") && method.getParameterCount() == 0) {
                return target.isClosed();
            }
            if (REFUSED.contains(name) && !(name.equals("rollback") && method.getParameterCount() == 1)) {
                throw new SQLException("The inbox worker commits or rolls back this transaction with the event's row: "
                        + "a handler must not call " + name);
            }
            if (name.equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("toString") && method.getParameterCount() == 0) {
                return "InboxTransaction connection";
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
