package dev.hookline.spring;

import dev.hookline.OutcomeObserver;
import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.RefusalObserver;
import dev.hookline.servlet.WebhookFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.springframework.core.env.Environment;

/**
 * Sets up a webhook endpoint for every entry under {@code hookline.endpoints} and every {@link EndpointDefinition}
 * bean, in servlet web applications, in the shape of Spring Boot's own modules:
 * <ul>
 *   <li>{@link WebhookEndpointRegistry}: the endpoints, from {@link HooklinePropertiesMapper} and the definition
 *       beans ({@link InMemoryWebhookEndpointRegistry});</li>
 *   <li>{@link WebhookListenerProcessor}: finds the {@code @WebhookListener} beans and builds each endpoint;</li>
 *   <li>{@code hooklineWebhookFilterRegistration}: one filter on every endpoint's exact path, ordered before Spring
 *       Security's filter chain, that finds the endpoint in the registry;</li>
 *   <li>{@link WebhookErrorHandler}: logs failed deliveries.</li>
 * </ul>
 * Each bean backs off when the application declares one of its type (the filter registration: of its name).
 * {@link HooklineMetricsAutoConfiguration} adds metrics when Micrometer is in use. Switched off as a whole with
 * {@code hookline.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebhookEndpoint.class, WebhookFilter.class, FilterRegistrationBean.class })
@ConditionalOnBooleanProperty(name = "hookline.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HooklineProperties.class)
public final class HooklineAutoConfiguration {

    /** The name of the filter registration bean. */
    public static final String FILTER_REGISTRATION_BEAN_NAME = "hooklineWebhookFilterRegistration";

    /** Spring Security's default filter order, as {@code spring.security.filter.order} documents it. */
    static final int SECURITY_DEFAULT_FILTER_ORDER = -100;

    @Bean
    @ConditionalOnMissingBean
    WebhookErrorHandler webhookErrorHandler() {
        return new LoggingWebhookErrorHandler();
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookEndpointRegistry webhookEndpointRegistry(HooklineProperties properties,
                                                    ConfigurableListableBeanFactory beanFactory,
                                                    ObjectProvider<EndpointDefinition> definitions) {
        List<EndpointDefinition> all = new ArrayList<>(new HooklinePropertiesMapper(properties, beanFactory)
                .asDefinitions());
        definitions.orderedStream().forEach(all::add);
        return new InMemoryWebhookEndpointRegistry(all);
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookListenerProcessor webhookListenerProcessor(WebhookEndpointRegistry registry, HooklineProperties properties,
                                                      ConfigurableListableBeanFactory beanFactory,
                                                      ObjectProvider<OutcomeObserver> outcomeObservers,
                                                      ObjectProvider<WebhookErrorHandler> errorHandler,
                                                      ObjectProvider<WebhookEndpointCustomizer> customizers) {
        Set<String> switchedOff = new HashSet<>();
        properties.getEndpoints().forEach((name, endpoint) -> {
            if (!endpoint.isEnabled()) {
                switchedOff.add(name);
            }
        });
        return new WebhookListenerProcessor(registry, switchedOff, beanFactory, outcomeObservers, errorHandler,
                customizers);
    }

    @Bean(FILTER_REGISTRATION_BEAN_NAME)
    @ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
    FilterRegistrationBean<Filter> hooklineWebhookFilterRegistration(WebhookEndpointRegistry registry,
                                                                     ObjectProvider<RefusalObserver> refusalObservers,
                                                                     HooklineProperties properties,
                                                                     Environment environment) {
        return filterRegistration(registry, refusalObservers.orderedStream().toList(),
                filterOrder(properties, environment));
    }

    /**
     * The registration of the filter that answers every endpoint of {@code registry} on its exact path, for
     * {@code REQUEST} dispatches, at {@code order}: for an application that replaces the auto-configured one.
     *
     * @param registry the endpoints
     * @param refusalObservers told of requests refused before they reach an endpoint
     * @param order the filter's order; lower runs earlier
     * @return the registration
     */
    public static FilterRegistrationBean<Filter> filterRegistration(WebhookEndpointRegistry registry,
                                                                     List<RefusalObserver> refusalObservers, int order) {
        FilterRegistrationBean<Filter> registration =
                new FilterRegistrationBean<>(new WebhookRequestFilter(registry, refusalObservers));
        registration.setName("hooklineWebhookFilter");
        registry.definitions().forEach(definition -> registration.addUrlPatterns(definition.path()));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        registration.setOrder(order);
        // a registration without URL patterns would map every request: with no endpoint, map none
        registration.setEnabled(!registry.definitions().isEmpty());
        return registration;
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
