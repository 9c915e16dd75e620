package dev.hookline.spring;

import dev.hookline.OutcomeObserver;
import dev.hookline.WebhookEndpoint;
import dev.hookline.jdbc.InboxRetry;
import dev.hookline.jdbc.InboxWorkers;
import dev.hookline.jdbc.JdbcDeduplicator;
import dev.hookline.jdbc.JdbcInbox;
import dev.hookline.jdbc.JdbcPositionStore;
import dev.hookline.jdbc.JdbcSchema;
import dev.hookline.servlet.DeliveryReceiver;
import dev.hookline.servlet.WebhookFilter;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hookline in PostgreSQL, when hookline-jdbc is on the class path and the application has one {@link DataSource}:
 * <ul>
 *   <li>the tables, created or upgraded at start-up as {@code hookline.jdbc.initialize-schema} says (by default
 *       only for an embedded database, as Spring Boot's own initialization; set {@code always}, or take
 *       {@link JdbcSchema}'s SQL into your migrations);</li>
 *   <li>{@value #DEDUPLICATOR_BEAN_NAME}, the {@link JdbcDeduplicator} of endpoints with
 *       {@code dedupe.store=jdbc}, pruned every {@code hookline.jdbc.dedupe.prune-interval};</li>
 *   <li>the {@link JdbcInbox} and {@value #INBOX_RECEIVER_BEAN_NAME}, the servlet receiver of endpoints with
 *       {@code mode=inbox}: the sender is answered 204 once the verified event is committed, 503 when the database
 *       is out of reach;</li>
 *   <li>the inbox's workers, a {@code SmartLifecycle} that starts with the application when an endpoint uses the
 *       inbox, dispatches through the endpoints the {@link WebhookListenerProcessor} built (with their
 *       {@code @WebhookListener} methods), and stops gracefully with it;</li>
 *   <li>with hookline-providers, the {@link JdbcPositionStore} in which scheduled backfills
 *       ({@code backfill.enabled=true}) keep their positions, so that instances do not repeat each other's work;</li>
 *   <li>with Micrometer, {@link InboxMetrics}; with Spring Boot's health module, {@link InboxHealthIndicator}
 *       ({@code hooklineInbox}).</li>
 * </ul>
 * Every bean backs off when the application declares one of its type (the deduplicator and the receiver: of its
 * name). Switched off with {@code hookline.enabled=false}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ JdbcInbox.class, WebhookEndpoint.class, WebhookFilter.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "hookline.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ HooklineProperties.class, HooklineJdbcProperties.class })
public final class HooklineJdbcAutoConfiguration {

    /** The name of the PostgreSQL deduplicator bean that {@code dedupe.store=jdbc} uses. */
    public static final String DEDUPLICATOR_BEAN_NAME = "hooklineJdbcDeduplicator";

    /** The name of the servlet receiver bean that {@code mode=inbox} uses. */
    public static final String INBOX_RECEIVER_BEAN_NAME = "hooklineInboxReceiver";

    /** How long the gauges reuse the inbox's figures. */
    static final Duration STATS_TTL = Duration.ofSeconds(2);

    @Bean
    @ConditionalOnMissingBean
    JdbcSchema hooklineJdbcSchema(HooklineJdbcProperties properties) {
        return checked("hookline.jdbc.table-prefix", () -> JdbcSchema.withPrefix(properties.getTablePrefix()),
                "Set a prefix of 1 to 32 characters of a-z, 0-9 and _, not starting with a digit, such as hookline_.");
    }

    @Bean
    JdbcSchemaInitializer hooklineJdbcSchemaInitializer(DataSource dataSource, JdbcSchema schema,
                                                       HooklineJdbcProperties properties) {
        return new JdbcSchemaInitializer(dataSource, schema, properties.getInitializeSchema());
    }

    @Bean(DEDUPLICATOR_BEAN_NAME)
    @ConditionalOnMissingBean(name = DEDUPLICATOR_BEAN_NAME)
    JdbcDeduplicator hooklineJdbcDeduplicator(DataSource dataSource, JdbcSchema schema,
                                              HooklineJdbcProperties properties, JdbcSchemaInitializer initialized) {
        return checked("hookline.jdbc.dedupe.retention", () -> JdbcDeduplicator.builder(dataSource)
                .tablePrefix(schema.prefix()).retention(properties.getDedupe().getRetention()).build(),
                "Set a positive retention longer than the senders' retry schedules, such as 7d.");
    }

    @Bean
    @ConditionalOnMissingBean
    DeduplicationPruner hooklineDeduplicationPruner(@Qualifier(DEDUPLICATOR_BEAN_NAME) JdbcDeduplicator deduplicator,
                                                    HooklineJdbcProperties properties) {
        Duration interval = positive("hookline.jdbc.dedupe.prune-interval",
                properties.getDedupe().getPruneInterval(), "Set an interval such as 1h.");
        return new DeduplicationPruner(deduplicator, interval);
    }

    @Bean
    @ConditionalOnMissingBean
    JdbcInbox hooklineInbox(DataSource dataSource, JdbcSchema schema, HooklineJdbcProperties properties,
                            JdbcSchemaInitializer initialized) {
        HooklineJdbcProperties.Inbox inbox = properties.getInbox();
        return checked("hookline.jdbc.inbox.retention", () -> JdbcInbox.builder(dataSource)
                .tablePrefix(schema.prefix())
                .retention(inbox.getRetention())
                .notifications(inbox.isNotifications())
                .build(), "Set a positive retention longer than the senders' retry schedules, such as 7d.");
    }

    @Bean(INBOX_RECEIVER_BEAN_NAME)
    @ConditionalOnMissingBean(name = INBOX_RECEIVER_BEAN_NAME)
    DeliveryReceiver hooklineInboxReceiver(JdbcInbox inbox, ObjectProvider<OutcomeObserver> outcomeObservers,
                                           ObjectProvider<WebhookErrorHandler> errorHandler) {
        return new InboxDeliveryReceiver(inbox, outcomeObservers, errorHandler);
    }

    @Bean
    @ConditionalOnMissingBean
    InboxWorkersLifecycle hooklineInboxWorkers(JdbcInbox inbox, WebhookEndpointRegistry registry,
                                               @Qualifier(INBOX_RECEIVER_BEAN_NAME) DeliveryReceiver receiver,
                                               HooklineJdbcProperties properties) {
        return new InboxWorkersLifecycle(registry, receiver, workers(inbox, properties.getInbox()));
    }

    /** A builder with every worker setting checked, naming the property of the first mistake. */
    static InboxWorkers.Builder workers(JdbcInbox inbox, HooklineJdbcProperties.Inbox settings) {
        String prefix = "hookline.jdbc.inbox.";
        InboxWorkers.Builder builder = InboxWorkers.builder(inbox);
        checked(prefix + "concurrency", () -> builder.concurrency(settings.getConcurrency()),
                "Set a number of events handled at once from 1 to 1000, such as 4.");
        checked(prefix + "poll-interval", () -> builder.pollInterval(settings.getPollInterval()),
                "Set a positive interval, such as 1s.");
        checked(prefix + "lease", () -> builder.lease(settings.getLease()), "Set a positive lease, such as 30s.");
        checked(prefix + "stop-timeout", () -> builder.stopTimeout(settings.getStopTimeout()),
                "Set a timeout of zero or more, such as 10s.");
        checked(prefix + "prune-interval", () -> builder.pruneInterval(settings.getPruneInterval()),
                "Set a positive interval, such as 1h.");
        InboxRetry retry = checked(prefix + "max-attempts", () -> InboxRetry.defaults()
                .withMaxAttempts(settings.getMaxAttempts()), "Set at least 1 attempt, such as 20.");
        InboxRetry attempts = retry;
        retry = checked(prefix + "backoff-initial and " + prefix + "backoff-max",
                () -> attempts.withBackoff(settings.getBackoffInitial(), settings.getBackoffMax()),
                "Set a positive initial backoff, such as 5s, and a longest one at least as long, such as 1h.");
        InboxRetry withBackoff = retry;
        retry = checked(prefix + "backoff-jitter", () -> withBackoff.withJitter(settings.getBackoffJitter()),
                "Set a fraction from 0 to 1, such as 0.25.");
        builder.retry(retry).listen(settings.isNotifications());
        return builder;
    }

    /**
     * The positions of scheduled backfills in PostgreSQL, shared by every instance, when hookline-providers is on the
     * class path.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.hookline.providers.PositionStore")
    static final class Backfill {

        @Bean
        @ConditionalOnMissingBean(type = "dev.hookline.providers.PositionStore")
        JdbcPositionStore hooklineBackfillPositionStore(DataSource dataSource, JdbcSchema schema,
                                                        JdbcSchemaInitializer initialized) {
            return JdbcPositionStore.withPrefix(dataSource, schema.prefix());
        }
    }

    /** Micrometer gauges of the inbox, when Micrometer is in use. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static final class Metrics {

        @Bean
        @ConditionalOnMissingBean
        InboxMetrics hooklineInboxMetrics(JdbcInbox inbox) {
            return new InboxMetrics(new InboxStatsCache(inbox, STATS_TTL));
        }
    }

    /** The inbox's health contributor, when Spring Boot's health module is in use. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
    static final class Health {

        @Bean
        @ConditionalOnMissingBean
        InboxHealthIndicator hooklineInboxHealthIndicator(JdbcInbox inbox, HooklineJdbcProperties properties) {
            return new InboxHealthIndicator(inbox, positive("hookline.jdbc.inbox.health-max-waiting-age",
                    properties.getInbox().getHealthMaxWaitingAge(), "Set a positive age, such as 5m."));
        }
    }

    private static <T> T checked(String property, Supplier<T> make, String action) {
        return WebhookConfigurationException.checked(property, make, action);
    }

    private static Duration positive(String property, Duration value, String action) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new WebhookConfigurationException(property + " is " + value + "; it must be positive", action);
        }
        return value;
    }
}
