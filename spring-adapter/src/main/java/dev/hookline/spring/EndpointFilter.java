package dev.hookline.spring;

import dev.hookline.servlet.WebhookFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * The filter registered for one endpoint's path, which hands every request to the endpoint's
 * {@link WebhookFilter}.
 *
 * <p>The servlet container takes its filters when the web server is created, before the application's singletons
 * exist; the endpoint is built once they do, when its {@code @WebhookListener} beans can be found. The web server
 * accepts no request before then, so {@link #install} always comes first; should a request arrive earlier all
 * the same, it is asked to come back (503) rather than passed on to the rest of the application.
 */
final class EndpointFilter implements Filter {

    private final String endpoint;
    private volatile WebhookFilter target;

    EndpointFilter(String endpoint) {
        this.endpoint = endpoint;
    }

    void install(WebhookFilter filter) {
        this.target = Objects.requireNonNull(filter, "filter");
    }

    /** The endpoint's filter, or null before the endpoint is built. */
    WebhookFilter target() {
        return target;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        WebhookFilter filter = target;
        if (filter != null) {
            filter.doFilter(request, response, chain);
        } else if (response instanceof HttpServletResponse http) {
            http.setHeader("Retry-After", "1");
            http.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }

    @Override
    public String toString() {
        return "EndpointFilter[" + endpoint + "]";
    }
}
