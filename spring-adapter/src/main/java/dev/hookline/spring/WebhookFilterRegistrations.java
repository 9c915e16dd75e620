package dev.hookline.spring;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;

/**
 * Registers one filter per webhook endpoint, each with a {@link FilterRegistrationBean} mapped to the endpoint's
 * exact path for {@code REQUEST} dispatches, all at one order: by default just before Spring Security's filter
 * chain.
 *
 * <p>The filter answers every request to its path itself and never continues the chain, so a webhook request
 * reaches neither Spring Security nor the {@code DispatcherServlet}: its signature is its authentication. Every
 * other path, including paths below a webhook path, goes through the chain as before.
 */
public final class WebhookFilterRegistrations implements ServletContextInitializer, Ordered {

    private final List<FilterRegistrationBean<Filter>> registrations;
    private final int order;

    /**
     * Registrations for every enabled endpoint.
     *
     * @param endpoints the endpoints
     * @param order the filters' order; lower runs earlier
     */
    public WebhookFilterRegistrations(WebhookEndpoints endpoints, int order) {
        List<FilterRegistrationBean<Filter>> list = new ArrayList<>();
        for (String name : endpoints.names()) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(endpoints.filter(name));
            registration.setName("hooklineWebhookFilter." + name);
            registration.addUrlPatterns(endpoints.path(name));
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.setOrder(order);
            list.add(registration);
        }
        this.registrations = List.copyOf(list);
        this.order = order;
    }

    /** One registration per enabled endpoint, in configuration order. */
    public List<FilterRegistrationBean<Filter>> registrations() {
        return registrations;
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public void onStartup(ServletContext servletContext) throws ServletException {
        for (FilterRegistrationBean<Filter> registration : registrations) {
            registration.onStartup(servletContext);
        }
    }

    @Override
    public String toString() {
        return "WebhookFilterRegistrations" + registrations;
    }
}
