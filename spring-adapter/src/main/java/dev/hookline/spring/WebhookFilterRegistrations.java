package dev.hookline.spring;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * One {@link FilterRegistrationBean} per webhook endpoint, mapped to the endpoint's exact path for
 * {@code REQUEST} dispatches, all at one order: by default just before Spring Security's filter chain.
 *
 * <p>Each registration is also a bean of its own, named {@code hooklineWebhookFilterRegistration.<endpoint>},
 * so that Spring Boot registers it in order among the application's other filters. The filter answers every
 * request to its path itself and never continues the chain, so a webhook request reaches neither Spring
 * Security nor the {@code DispatcherServlet}: its signature is its authentication. Every other path, including
 * paths below a webhook path, goes through the chain as before.
 *
 * <p>A replacement declared by the application must hold a registration for every enabled endpoint.
 */
public final class WebhookFilterRegistrations {

    /** The prefix of the registration beans' names; the endpoint's name follows. */
    public static final String BEAN_NAME_PREFIX = "hooklineWebhookFilterRegistration.";

    private final Map<String, FilterRegistrationBean<Filter>> registrations = new LinkedHashMap<>();
    private final int order;

    /**
     * Registrations for every enabled endpoint.
     *
     * @param endpoints the endpoints
     * @param order the filters' order; lower runs earlier
     */
    public WebhookFilterRegistrations(WebhookEndpoints endpoints, int order) {
        for (String name : endpoints.names()) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(endpoints.filter(name));
            registration.setName("hooklineWebhookFilter." + name);
            registration.addUrlPatterns(endpoints.path(name));
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            // the filter reads bodies without blocking, so that its read deadline holds for a stalled body
            registration.setAsyncSupported(true);
            registration.setOrder(order);
            registrations.put(name, registration);
        }
        this.order = order;
    }

    /** One registration per enabled endpoint, in configuration order. */
    public List<FilterRegistrationBean<Filter>> registrations() {
        return List.copyOf(registrations.values());
    }

    /**
     * An endpoint's registration.
     *
     * @param endpoint the endpoint's name
     * @return its registration
     * @throws IllegalArgumentException if there is none
     */
    public FilterRegistrationBean<Filter> registration(String endpoint) {
        FilterRegistrationBean<Filter> registration = registrations.get(endpoint);
        if (registration == null) {
            throw new IllegalArgumentException("No filter registration for webhook endpoint '" + endpoint
                    + "'; registered: " + registrations.keySet());
        }
        return registration;
    }

    /** The filters' order. */
    public int order() {
        return order;
    }

    @Override
    public String toString() {
        return "WebhookFilterRegistrations" + registrations.keySet() + "[order=" + order + "]";
    }
}
