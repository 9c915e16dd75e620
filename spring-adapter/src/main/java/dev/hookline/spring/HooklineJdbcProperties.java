package dev.hookline.spring;

import dev.hookline.jdbc.InboxRetry;
import dev.hookline.jdbc.InboxWorkers;
import dev.hookline.jdbc.JdbcDeduplicator;
import dev.hookline.jdbc.JdbcInbox;
import dev.hookline.jdbc.JdbcSchema;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Hookline's PostgreSQL settings, under {@code hookline.jdbc}, used when hookline-jdbc is on the class path and the
 * application has a {@code DataSource}: the tables, the shared deduplicator ({@code dedupe.store=jdbc}) and the
 * durable inbox with its workers ({@code mode=inbox}).
 *
 * <pre>
 * hookline.jdbc.initialize-schema=always
 * hookline.jdbc.inbox.concurrency=8
 * hookline.jdbc.inbox.max-attempts=10
 * </pre>
 *
 * <p>Durations without a unit are seconds. Every default is the one of the part it configures.
 */
@ConfigurationProperties("hookline.jdbc")
public class HooklineJdbcProperties {

    /** The default age of the oldest waiting event past which the inbox's health has a warning: five minutes. */
    public static final Duration DEFAULT_HEALTH_MAX_WAITING_AGE = Duration.ofMinutes(5);

    /** When the starter creates or upgrades Hookline's tables. */
    public enum InitializeSchema {
        /** At every start (cheap once the tables are up to date; instances starting at once wait for each other). */
        ALWAYS,
        /** Never: the tables come from Flyway, Liquibase or a DBA (JdbcSchema's SQL). */
        NEVER
    }

    /** Prefix of Hookline's table names, 1 to 32 characters of a-z, 0-9 and _. */
    private String tablePrefix = JdbcSchema.DEFAULT_PREFIX;

    /**
     * When to create or upgrade Hookline's tables, which are PostgreSQL's: always, or never (the default: the tables
     * come from your migrations).
     */
    private InitializeSchema initializeSchema = InitializeSchema.NEVER;

    /** The shared deduplicator of endpoints with dedupe.store=jdbc. */
    private final Dedupe dedupe = new Dedupe();

    /** The durable inbox of endpoints with mode=inbox, and its workers. */
    private final Inbox inbox = new Inbox();

    /**
     * The value of {@code hookline.jdbc.table-prefix}.
     *
     * @return the value
     */
    public String getTablePrefix() {
        return tablePrefix;
    }

    /**
     * Sets {@code hookline.jdbc.table-prefix}.
     *
     * @param tablePrefix the value
     */
    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    /**
     * The value of {@code hookline.jdbc.initialize-schema}.
     *
     * @return the value
     */
    public InitializeSchema getInitializeSchema() {
        return initializeSchema;
    }

    /**
     * Sets {@code hookline.jdbc.initialize-schema}.
     *
     * @param initializeSchema the value
     */
    public void setInitializeSchema(InitializeSchema initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    /**
     * The settings under {@code hookline.jdbc.dedupe}.
     *
     * @return the settings
     */
    public Dedupe getDedupe() {
        return dedupe;
    }

    /**
     * The settings under {@code hookline.jdbc.inbox}.
     *
     * @return the settings
     */
    public Inbox getInbox() {
        return inbox;
    }

    /** The PostgreSQL deduplicator. */
    public static class Dedupe {

        /**
         * How long a handled event is remembered, at least; it must cover every jdbc endpoint's replay window and
         * the senders' retry schedules.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration retention = JdbcDeduplicator.DEFAULT_RETENTION;

        /** How often expired events are deleted from the deduplication table. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration pruneInterval = InboxWorkers.DEFAULT_PRUNE_INTERVAL;

        /**
         * The value of {@code hookline.jdbc.dedupe.retention}.
         *
         * @return the value
         */
        public Duration getRetention() {
            return retention;
        }

        /**
         * Sets {@code hookline.jdbc.dedupe.retention}.
         *
         * @param retention the value
         */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        /**
         * The value of {@code hookline.jdbc.dedupe.prune-interval}.
         *
         * @return the value
         */
        public Duration getPruneInterval() {
            return pruneInterval;
        }

        /**
         * Sets {@code hookline.jdbc.dedupe.prune-interval}.
         *
         * @param pruneInterval the value
         */
        public void setPruneInterval(Duration pruneInterval) {
            this.pruneInterval = pruneInterval;
        }
    }

    /** The durable inbox and its workers. */
    public static class Inbox {

        /** How many events the workers of this instance handle at once. The pool needs a few more connections. */
        private int concurrency = InboxWorkers.DEFAULT_CONCURRENCY;

        /**
         * Longest wait between two looks for due events when no notification wakes the workers; a retry that
         * falls due sooner is picked up when it does.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration pollInterval = InboxWorkers.DEFAULT_POLL_INTERVAL;

        /**
         * How long a worker's hold on an event lasts without its heartbeat (renewed every third of it): how soon
         * another instance takes over the events of one that died.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration lease = InboxWorkers.DEFAULT_LEASE;

        /** How many attempts an event gets, the first included, before it is dead. */
        private int maxAttempts = InboxRetry.DEFAULT_MAX_ATTEMPTS;

        /** Wait before the first retry; each further one doubles, up to backoff-max. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration backoffInitial = InboxRetry.DEFAULT_INITIAL_BACKOFF;

        /** Longest wait between two attempts. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration backoffMax = InboxRetry.DEFAULT_MAX_BACKOFF;

        /** Largest fraction of a wait taken off at random, from 0 to 1. */
        private double backoffJitter = InboxRetry.DEFAULT_JITTER;

        /** How long a done event is kept: while it is, a redelivery of it is a duplicate. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration retention = JdbcInbox.DEFAULT_RETENTION;

        /** How often done events past the retention are deleted. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration pruneInterval = InboxWorkers.DEFAULT_PRUNE_INTERVAL;

        /**
         * Whether new events are announced with pg_notify and the workers listen for them (with the PostgreSQL
         * JDBC driver), so that an idle worker starts at once instead of at its next poll.
         */
        private boolean notifications = true;

        /** How long running listeners may finish when the application stops, before they are interrupted. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration stopTimeout = InboxWorkers.DEFAULT_STOP_TIMEOUT;

        /**
         * Age of the oldest waiting (pending or retrying) event past which the health contributor adds a warning.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration healthMaxWaitingAge = DEFAULT_HEALTH_MAX_WAITING_AGE;

        /**
         * The value of {@code hookline.jdbc.inbox.concurrency}.
         *
         * @return the value
         */
        public int getConcurrency() {
            return concurrency;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.concurrency}.
         *
         * @param concurrency the value
         */
        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.poll-interval}.
         *
         * @return the value
         */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.poll-interval}.
         *
         * @param pollInterval the value
         */
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.lease}.
         *
         * @return the value
         */
        public Duration getLease() {
            return lease;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.lease}.
         *
         * @param lease the value
         */
        public void setLease(Duration lease) {
            this.lease = lease;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.max-attempts}.
         *
         * @return the value
         */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.max-attempts}.
         *
         * @param maxAttempts the value
         */
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.backoff-initial}.
         *
         * @return the value
         */
        public Duration getBackoffInitial() {
            return backoffInitial;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.backoff-initial}.
         *
         * @param backoffInitial the value
         */
        public void setBackoffInitial(Duration backoffInitial) {
            this.backoffInitial = backoffInitial;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.backoff-max}.
         *
         * @return the value
         */
        public Duration getBackoffMax() {
            return backoffMax;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.backoff-max}.
         *
         * @param backoffMax the value
         */
        public void setBackoffMax(Duration backoffMax) {
            this.backoffMax = backoffMax;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.backoff-jitter}.
         *
         * @return the value
         */
        public double getBackoffJitter() {
            return backoffJitter;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.backoff-jitter}.
         *
         * @param backoffJitter the value
         */
        public void setBackoffJitter(double backoffJitter) {
            this.backoffJitter = backoffJitter;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.retention}.
         *
         * @return the value
         */
        public Duration getRetention() {
            return retention;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.retention}.
         *
         * @param retention the value
         */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.prune-interval}.
         *
         * @return the value
         */
        public Duration getPruneInterval() {
            return pruneInterval;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.prune-interval}.
         *
         * @param pruneInterval the value
         */
        public void setPruneInterval(Duration pruneInterval) {
            this.pruneInterval = pruneInterval;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.notifications}.
         *
         * @return the value
         */
        public boolean isNotifications() {
            return notifications;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.notifications}.
         *
         * @param notifications the value
         */
        public void setNotifications(boolean notifications) {
            this.notifications = notifications;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.stop-timeout}.
         *
         * @return the value
         */
        public Duration getStopTimeout() {
            return stopTimeout;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.stop-timeout}.
         *
         * @param stopTimeout the value
         */
        public void setStopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }

        /**
         * The value of {@code hookline.jdbc.inbox.health-max-waiting-age}.
         *
         * @return the value
         */
        public Duration getHealthMaxWaitingAge() {
            return healthMaxWaitingAge;
        }

        /**
         * Sets {@code hookline.jdbc.inbox.health-max-waiting-age}.
         *
         * @param healthMaxWaitingAge the value
         */
        public void setHealthMaxWaitingAge(Duration healthMaxWaitingAge) {
            this.healthMaxWaitingAge = healthMaxWaitingAge;
        }
    }
}
