package dev.hookline.spring;

import dev.hookline.OutcomeObserver;
import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.RefusalObserver;
import dev.hookline.servlet.WebhookFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Sets up a webhook endpoint for every entry under {@code hookline.endpoints}, in servlet web applications.
 *
 * <p>Beans, each replaceable by declaring one of the same type:
 * <ul>
 *   <li>{@link WebhookErrorHandler}: logs failed deliveries;</li>
 *   <li>{@link WebhookEndpoints}: the endpoints, with the application's {@code @WebhookListener} methods;</li>
 *   <li>{@link WebhookFilterRegistrations}: a filter on each endpoint's exact path, ordered before Spring
 *       Security's filter chain; each registration is also a bean, named
 *       {@code hooklineWebhookFilterRegistration.<endpoint>}.</li>
 * </ul>
 * {@link HooklineMetricsAutoConfiguration} adds metrics when Micrometer is in use. Switched off as a whole with
 * {@code hookline.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebhookEndpoint.class, WebhookFilter.class, FilterRegistrationBean.class })
@ConditionalOnBooleanProperty(name = "hookline.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HooklineProperties.class)
@Import(WebhookFilterBeans.class)
public final class HooklineAutoConfiguration {

    /** Spring Security's default filter order, as {@code spring.security.filter.order} documents it. */
    static final int SECURITY_DEFAULT_FILTER_ORDER = -100;

    @Bean
    @ConditionalOnMissingBean
    WebhookErrorHandler webhookErrorHandler() {
        return new LoggingWebhookErrorHandler();
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookEndpoints webhookEndpoints(HooklineProperties properties, ConfigurableListableBeanFactory beanFactory,
                                      ObjectProvider<OutcomeObserver> outcomeObservers,
                                      ObjectProvider<RefusalObserver> refusalObservers,
                                      ObjectProvider<WebhookErrorHandler> errorHandler,
                                      ObjectProvider<WebhookEndpointCustomizer> customizers) {
        return new WebhookEndpoints(properties, beanFactory, outcomeObservers, refusalObservers, errorHandler,
                customizers);
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookFilterRegistrations webhookFilterRegistrations(WebhookEndpoints endpoints, HooklineProperties properties,
                                                          Environment environment) {
        return new WebhookFilterRegistrations(endpoints, filterOrder(properties, environment));
    }

    /** The configured order, or one before wherever Spring Security's filter chain is. */
    static int filterOrder(HooklineProperties properties, Environment environment) {
        if (properties.getFilterOrder() != null) {
            return properties.getFilterOrder();
        }
        int security = environment.getProperty("spring.security.filter.order", Integer.class,
                SECURITY_DEFAULT_FILTER_ORDER);
        return security == Integer.MIN_VALUE ? security : security - 1;
    }
}
