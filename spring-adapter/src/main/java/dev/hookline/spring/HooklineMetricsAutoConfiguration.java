package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.RefusalObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Counts and times webhook deliveries ({@link HooklineMetrics}) when the application has a Micrometer
 * {@link MeterRegistry}. The metrics reach every endpoint as an {@code OutcomeObserver} and a
 * {@code RefusalObserver}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ MeterRegistry.class, WebhookEndpoint.class, RefusalObserver.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "hookline.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HooklineProperties.class)
public final class HooklineMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HooklineMetrics hooklineMetrics(MeterRegistry registry, HooklineProperties properties) {
        return new HooklineMetrics(registry, properties.getMetrics().getMaxEventTypes());
    }
}
