package dev.hookline.samples.jetty;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.jdbc.InboxWorkers;
import dev.hookline.jdbc.JdbcDeduplicator;
import dev.hookline.jdbc.JdbcInbox;
import dev.hookline.jdbc.JdbcSchema;
import dev.hookline.servlet.WebhookServletOptions;
import java.io.PrintStream;
import java.util.List;

/**
 * What the receiver's endpoints share with other receivers, as {@link StoreSettings} say: nothing (in memory, the
 * default), deduplication in PostgreSQL, or PostgreSQL's durable inbox and its workers.
 */
final class SharedStore implements AutoCloseable {

    private final StoreSettings settings;
    private final HikariDataSource dataSource;
    private final JdbcDeduplicator deduplicator;
    private final JdbcInbox inbox;
    private InboxWorkers workers;

    private SharedStore(StoreSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.deduplicator = dataSource == null || settings.inbox() ? null
                : JdbcDeduplicator.builder(dataSource).tablePrefix(settings.tablePrefix()).build();
        this.inbox = dataSource == null || !settings.inbox() ? null
                : JdbcInbox.builder(dataSource).tablePrefix(settings.tablePrefix()).build();
    }

    /**
     * Connects to the database, if there is one, and creates or upgrades the tables.
     *
     * @param log where the receiver says what it does
     */
    static SharedStore open(StoreSettings settings, PrintStream log) {
        if (!settings.shared()) {
            return new SharedStore(settings, null);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("hookline-receiver");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(5_000); // a saturated or lost database answers 503 soon, and the sender retries
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            JdbcSchema.withPrefix(settings.tablePrefix()).apply(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        log.println(settings.inbox()
                ? "HOOKLINE_INBOX=true: each delivery is answered once stored in PostgreSQL; workers handle it"
                : "HOOKLINE_JDBC_URL is set: deduplicating in PostgreSQL, shared with every receiver using it");
        return new SharedStore(settings, dataSource);
    }

    /** Gives an endpoint under construction its deduplicator. */
    WebhookEndpoint.Builder configure(WebhookEndpoint.Builder endpoint) {
        if (inbox != null) {
            return endpoint.deduplicator(Deduplicator.none()); // the inbox's unique key deduplicates
        }
        return deduplicator == null ? endpoint : endpoint.deduplicator(deduplicator);
    }

    /** How the servlets hand deliveries over: to the endpoint, or to the inbox. */
    WebhookServletOptions servletOptions() {
        return inbox == null ? WebhookServletOptions.defaults()
                : WebhookServletOptions.builder().receiver(inbox::receive).build();
    }

    /** Starts the inbox's workers for the endpoints, in inbox mode. */
    void start(List<WebhookEndpoint> endpoints) {
        if (inbox != null) {
            workers = InboxWorkers.builder(inbox).endpoints(endpoints).lease(settings.lease()).build();
            workers.start();
        }
    }

    /** Stops the workers, letting running handlers finish, and disconnects. */
    @Override
    public void close() {
        if (workers != null) {
            workers.stop();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
