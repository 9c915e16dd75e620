package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.RefusalObserver;
import dev.hookline.servlet.RequestFailure;
import dev.hookline.servlet.WebhookFilter;
import dev.hookline.servlet.WebhookServletOptions;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one filter mapped to every webhook endpoint's exact path: it finds the endpoint by the request's path in the
 * {@link WebhookEndpointRegistry} and hands the request to that endpoint's {@link WebhookFilter}, made once, the
 * first time the endpoint is asked for. It never continues the chain.
 *
 * <p>The servlet container takes its filters when the web server is created, before the endpoints are built (once
 * every singleton exists). The server accepts no request before then; should one arrive all the same, it is asked
 * to come back (503) rather than passed on to the rest of the application.
 */
final class WebhookRequestFilter implements Filter {

    private static final Log LOG = LogFactory.getLog(WebhookRequestFilter.class);

    private final WebhookEndpointRegistry registry;
    private final Map<String, String> endpointByPath = new HashMap<>();
    private final List<RefusalObserver> refusalObservers;
    private final Map<String, WebhookFilter> filters = new ConcurrentHashMap<>();

    WebhookRequestFilter(WebhookEndpointRegistry registry, List<RefusalObserver> refusalObservers) {
        this.registry = registry;
        this.refusalObservers = List.copyOf(refusalObservers);
        for (EndpointDefinition definition : registry.definitions()) {
            endpointByPath.put(definition.path(), definition.name());
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            chain.doFilter(request, response);
            return;
        }
        String path = http.getRequestURI().substring(http.getContextPath().length());
        String name = endpointByPath.get(path);
        WebhookFilter filter = name == null ? null : filter(name);
        if (filter != null) {
            filter.doFilter(request, response, chain);
        } else if (name != null) {
            answer.setHeader("Retry-After", "1");
            answer.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        } else {
            chain.doFilter(request, response); // a path the container mapped here that is no endpoint's
        }
    }

    /** The endpoint's servlet filter, or null before the endpoint is built. */
    WebhookFilter filter(String name) {
        WebhookFilter filter = filters.get(name);
        if (filter != null) {
            return filter;
        }
        WebhookEndpoint endpoint = registry.endpoint(name);
        if (endpoint == null) {
            return null;
        }
        return filters.computeIfAbsent(name, n -> new WebhookFilter(endpoint, options(registry.definition(n))));
    }

    private WebhookServletOptions options(EndpointDefinition definition) {
        if (refusalObservers.isEmpty()) {
            return definition.options();
        }
        return definition.options().toBuilder().refusalObserver(this::refused).build();
    }

    /** Tells every refusal observer bean, each failure isolated from the others. */
    private void refused(String endpoint, RequestFailure failure) {
        for (RefusalObserver observer : refusalObservers) {
            try {
                observer.onRefusal(endpoint, failure);
            } catch (RuntimeException e) {
                LOG.warn("Refusal observer " + observer.getClass().getName() + " failed on endpoint " + endpoint, e);
            }
        }
    }

    @Override
    public String toString() {
        return "WebhookRequestFilter" + endpointByPath.keySet();
    }
}
