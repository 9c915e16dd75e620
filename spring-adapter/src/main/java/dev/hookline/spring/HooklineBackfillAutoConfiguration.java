package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import dev.hookline.providers.ExaClient;
import dev.hookline.providers.InMemoryPositionStore;
import dev.hookline.providers.PositionStore;
import dev.hookline.servlet.WebhookFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scheduled backfills of missed events ({@code hookline.endpoints.<name>.backfill.*}), when hookline-providers is on
 * the class path: a {@code SmartLifecycle} that, for every Exa endpoint with {@code backfill.enabled=true}, fetches
 * the events Exa emitted since the position its last run reached and dispatches them through the endpoint (with its
 * {@code @WebhookListener} methods and deduplication), on one thread, every {@code backfill.interval}.
 *
 * <p>The positions are kept in the application's {@link PositionStore} bean: the PostgreSQL one that
 * {@link HooklineJdbcAutoConfiguration} adds given hookline-jdbc and a DataSource (shared by every instance, so that
 * they neither repeat nor skip each other's work), or one of the application's own; without one, in this instance's
 * memory. Every {@link BackfillObserver} bean is told what each run did; with Micrometer, {@link BackfillMetrics}
 * counts it. Switched off with {@code hookline.enabled=false}.
 */
@AutoConfiguration(after = { HooklineAutoConfiguration.class, HooklineJdbcAutoConfiguration.class }, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ ExaClient.class, WebhookEndpoint.class, WebhookFilter.class })
@ConditionalOnBooleanProperty(name = "hookline.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HooklineProperties.class)
public final class HooklineBackfillAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BackfillScheduler hooklineBackfillScheduler(WebhookEndpointRegistry registry, HooklineProperties properties,
                                                ObjectProvider<PositionStore> positions,
                                                ObjectProvider<BackfillObserver> observers) {
        List<BackfillScheduler.Job> jobs = new ArrayList<>();
        properties.getEndpoints().forEach((name, endpoint) -> {
            if (endpoint.isEnabled() && endpoint.getBackfill().isEnabled()) {
                jobs.add(job(name, endpoint.getBackfill()));
            }
        });
        return new BackfillScheduler(registry, jobs, positions.getIfAvailable(InMemoryPositionStore::new), observers);
    }

    /** One endpoint's backfill; {@link HooklinePropertiesMapper} has checked every setting but the key's form and URL. */
    static BackfillScheduler.Job job(String name, HooklineProperties.Backfill backfill) {
        String key = HooklinePropertiesMapper.property(name, "backfill");
        ExaClient.Builder builder = WebhookConfigurationException.checked(key + ".api-key",
                () -> ExaClient.builder(backfill.getApiKey()),
                "Copy the Exa API key exactly as the dashboard issued it, without surrounding whitespace.");
        ExaClient exa = WebhookConfigurationException.checked(key + ".api-url",
                () -> builder.baseUrl(backfill.getApiUrl()).build(),
                "Set the base URL of Exa's Websets API, such as " + ExaClient.DEFAULT_BASE_URL + ".");
        return new BackfillScheduler.Job(name, exa, backfill.getInterval(), backfill.getLookBack(),
                new LinkedHashSet<>(backfill.getTypes() == null ? List.of() : backfill.getTypes()));
    }

    /** Counts backfilled events and runs, when Micrometer is in use. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static final class Metrics {

        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        @ConditionalOnMissingBean
        BackfillMetrics hooklineBackfillMetrics(MeterRegistry registry) {
            return new BackfillMetrics(registry);
        }
    }
}
