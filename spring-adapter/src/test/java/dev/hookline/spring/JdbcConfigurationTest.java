package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.jdbc.InboxRetry;
import dev.hookline.jdbc.InboxWorkers;
import dev.hookline.jdbc.JdbcDeduplicator;
import dev.hookline.jdbc.JdbcInbox;
import dev.hookline.jdbc.JdbcPositionStore;
import dev.hookline.jdbc.JdbcSchema;
import dev.hookline.servlet.DeliveryReceiver;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * What hookline-jdbc and a DataSource add to the starter, what happens without them, and how mistakes in the
 * hookline.jdbc.* and mode/store settings stop start-up naming the property. No database is reached.
 */
class JdbcConfigurationTest {

    private static final String[] EXA = {
            "hookline.endpoints.exa.path=/webhooks/exa",
            "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET };

    private static final String JDBC_ACTION = "Add dev.hookline:hookline-jdbc, a DataSource for PostgreSQL "
            + "(spring-boot-starter-jdbc and org.postgresql:postgresql, with spring.datasource.url) and the tables "
            + "(hookline.jdbc.initialize-schema=always, or JdbcSchema's SQL in your migrations)";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class,
                    HooklineJdbcAutoConfiguration.class))
            .withPropertyValues(EXA);

    /** A data source that is never reached in these tests: nothing connects while the context starts. */
    private static DataSource unreachable() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:1/test");
        dataSource.setConnectTimeout(1);
        return dataSource;
    }

    private WebApplicationContextRunner withDataSource() {
        return runner.withBean(DataSource.class, JdbcConfigurationTest::unreachable);
    }

    private static void assertFails(WebApplicationContextRunner runner, String message, String action) {
        StartupFailures.assertFails(runner, message, action, EXA_SECRET);
    }

    @Test
    void withADataSourceThePostgresqlPartsExistAndAnInboxEndpointStoresInsteadOfHandling() {
        withDataSource().withPropertyValues("hookline.endpoints.exa.mode=inbox").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(JdbcInbox.class).hasSingleBean(JdbcDeduplicator.class)
                    .hasSingleBean(InboxWorkersLifecycle.class).hasSingleBean(JdbcSchema.class)
                    .hasBean(HooklineJdbcAutoConfiguration.INBOX_RECEIVER_BEAN_NAME)
                    .hasBean(HooklineJdbcAutoConfiguration.DEDUPLICATOR_BEAN_NAME);
            WebhookEndpointRegistry registry = context.getBean(WebhookEndpointRegistry.class);
            assertThat(registry.definition("exa").options().receiver())
                    .isSameAs(context.getBean(HooklineJdbcAutoConfiguration.INBOX_RECEIVER_BEAN_NAME));
            assertThat(registry.endpoint("exa").toString()).contains("Deduplicator.none()");
            assertThat(context.getBean(JdbcInbox.class).table()).isEqualTo("hookline_inbox");
        });
    }

    @Test
    void withADataSourceBackfillsKeepTheirPositionsInPostgresql() {
        withDataSource().withConfiguration(AutoConfigurations.of(HooklineBackfillAutoConfiguration.class))
                .withPropertyValues("hookline.jdbc.table-prefix=acme_",
                        "hookline.endpoints.exa.backfill.enabled=true",
                        "hookline.endpoints.exa.backfill.api-key=exa-api-key",
                        "hookline.endpoints.exa.backfill.api-url=http://127.0.0.1:1/websets")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcPositionStore.class);
                    assertThat(context.getBean(BackfillScheduler.class).toString())
                            .isEqualTo("BackfillScheduler[[exa], JdbcPositionStore[table=acme_backfill_position]]");
                });
    }

    @Test
    void withoutADataSourceNothingOfItExistsAndDirectEndpointsWorkAsBefore() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(JdbcInbox.class).doesNotHaveBean(InboxWorkersLifecycle.class);
            assertThat(context.getBean(WebhookEndpointRegistry.class).definition("exa").options().receiver())
                    .isSameAs(DeliveryReceiver.direct());
        });
    }

    @Test
    void withoutHooklineJdbcOnTheClassPathTheAutoConfigurationBacksOff() {
        withDataSource().withClassLoader(new FilteredClassLoader(JdbcInbox.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(InboxWorkersLifecycle.class);
        });
    }

    @Test
    void anInboxEndpointWithoutADataSourceStopsStartUp() {
        assertFails(runner.withPropertyValues("hookline.endpoints.exa.mode=inbox"),
                "hookline.endpoints.exa.mode is inbox, but the application has no PostgreSQL inbox",
                JDBC_ACTION + ", or remove hookline.endpoints.exa.mode.");
    }

    @Test
    void theJdbcStoreWithoutADataSourceStopsStartUp() {
        assertFails(runner.withPropertyValues("hookline.endpoints.exa.dedupe.store=jdbc"),
                "hookline.endpoints.exa.dedupe.store is jdbc, but the application has no PostgreSQL deduplicator",
                JDBC_ACTION + ", or set hookline.endpoints.exa.dedupe.store to memory.");
    }

    @Test
    void anInboxEndpointNeedsNoDeduplicatorOfItsOwn() {
        assertFails(withDataSource().withPropertyValues("hookline.endpoints.exa.mode=inbox",
                        "hookline.endpoints.exa.dedupe.store=jdbc"),
                "hookline.endpoints.exa.dedupe.store is set, but hookline.endpoints.exa.mode is inbox, and the inbox "
                        + "deduplicates by itself", "Remove hookline.endpoints.exa.dedupe.store.");
    }

    @Test
    void theJdbcStoreAndADeduplicatorBeanAreOneChoiceTooMany() {
        assertFails(withDataSource().withPropertyValues("hookline.endpoints.exa.dedupe.store=jdbc",
                        "hookline.endpoints.exa.dedupe.deduplicator=mine"),
                "hookline.endpoints.exa.dedupe.store is jdbc and hookline.endpoints.exa.dedupe.deduplicator names a "
                        + "bean: they choose the deduplicator twice", "Remove one of them.");
    }

    @Test
    void aJdbcStoreWhoseRetentionIsShorterThanTheReplayWindowStopsStartUp() {
        assertFails(withDataSource().withPropertyValues("hookline.endpoints.exa.dedupe.store=jdbc",
                        "hookline.endpoints.exa.tolerance=2d", "hookline.jdbc.dedupe.retention=1d"),
                "Deduplicator bean 'hooklineJdbcDeduplicator' (hookline.endpoints.exa.dedupe.store) remembers events "
                        + "for PT24H, less than the endpoint's replay window of PT48H (hookline.endpoints.exa.tolerance)",
                "Give the deduplicator a longer retention, or shorten hookline.endpoints.exa.tolerance.");
    }

    @Test
    void invalidWorkerSettingsStopStartUpNamingTheProperty() {
        assertFails(withDataSource().withPropertyValues("hookline.jdbc.inbox.lease=0"),
                "hookline.jdbc.inbox.lease is not valid: lease must be positive, was PT0S",
                "Set a positive lease, such as 30s.");
        assertFails(withDataSource().withPropertyValues("hookline.jdbc.inbox.max-attempts=0"),
                "hookline.jdbc.inbox.max-attempts is not valid: maxAttempts must be at least 1, was 0",
                "Set at least 1 attempt, such as 20.");
        assertFails(withDataSource().withPropertyValues("hookline.jdbc.table-prefix=Hookline-"),
                "hookline.jdbc.table-prefix is not valid: Table prefix 'Hookline-' is not allowed: use 1 to 32 "
                        + "characters of a-z, 0-9 and _, not starting with a digit (such as hookline_)",
                "Set a prefix of 1 to 32 characters of a-z, 0-9 and _, not starting with a digit, such as hookline_.");
    }

    @Test
    void everyDefaultIsTheOneOfThePartItConfigures() {
        HooklineJdbcProperties properties = new HooklineJdbcProperties();
        HooklineJdbcProperties.Inbox inbox = properties.getInbox();

        assertThat(properties.getTablePrefix()).isEqualTo(JdbcSchema.DEFAULT_PREFIX);
        assertThat(properties.getInitializeSchema()).isEqualTo(HooklineJdbcProperties.InitializeSchema.NEVER);
        assertThat(properties.getDedupe().getRetention()).isEqualTo(JdbcDeduplicator.DEFAULT_RETENTION);
        assertThat(inbox.getConcurrency()).isEqualTo(InboxWorkers.DEFAULT_CONCURRENCY);
        assertThat(inbox.getPollInterval()).isEqualTo(InboxWorkers.DEFAULT_POLL_INTERVAL);
        assertThat(inbox.getLease()).isEqualTo(InboxWorkers.DEFAULT_LEASE);
        assertThat(inbox.getStopTimeout()).isEqualTo(InboxWorkers.DEFAULT_STOP_TIMEOUT);
        assertThat(inbox.getPruneInterval()).isEqualTo(InboxWorkers.DEFAULT_PRUNE_INTERVAL);
        assertThat(inbox.getMaxAttempts()).isEqualTo(InboxRetry.DEFAULT_MAX_ATTEMPTS);
        assertThat(inbox.getBackoffInitial()).isEqualTo(InboxRetry.DEFAULT_INITIAL_BACKOFF);
        assertThat(inbox.getBackoffMax()).isEqualTo(InboxRetry.DEFAULT_MAX_BACKOFF);
        assertThat(inbox.getBackoffJitter()).isEqualTo(InboxRetry.DEFAULT_JITTER);
        assertThat(inbox.getRetention()).isEqualTo(JdbcInbox.DEFAULT_RETENTION);
        assertThat(inbox.isNotifications()).isTrue();
        assertThat(new HooklineProperties.Endpoint().getMode()).isEqualTo(HooklineProperties.Mode.DIRECT);
        assertThat(new HooklineProperties.Endpoint().getDedupe().getStore()).isEqualTo(HooklineProperties.Store.MEMORY);
    }
}
