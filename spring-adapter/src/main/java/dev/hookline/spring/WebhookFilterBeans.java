package dev.hookline.spring;

import jakarta.servlet.Filter;
import java.util.Map;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;

/**
 * Registers each enabled endpoint's {@link FilterRegistrationBean} as a bean of its own. Spring Boot sorts
 * filter registrations by order only among filter registration beans, so that is the only way for the webhook
 * filters to come before Spring Security's. The registrations themselves come from
 * {@link WebhookFilterRegistrations}, which may be replaced.
 */
final class WebhookFilterBeans implements BeanRegistrar {

    private static final ParameterizedTypeReference<FilterRegistrationBean<Filter>> REGISTRATION =
            new ParameterizedTypeReference<>() { };

    @Override
    public void register(BeanRegistry registry, Environment environment) {
        Map<String, HooklineProperties.Endpoint> endpoints = Binder.get(environment)
                .bind("hookline.endpoints", Bindable.mapOf(String.class, HooklineProperties.Endpoint.class))
                .orElse(Map.of());
        endpoints.forEach((name, endpoint) -> {
            if (endpoint.isEnabled()) {
                registry.registerBean(WebhookFilterRegistrations.BEAN_NAME_PREFIX + name, REGISTRATION,
                        spec -> spec.supplier(context -> context.bean(WebhookFilterRegistrations.class)
                                .registration(name)));
            }
        });
    }
}
