package dev.hookline.servlet;

import dev.hookline.WebhookEndpoint;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A filter that answers every HTTP request mapped to it by handing it to one {@link WebhookEndpoint}: it
 * does not continue the chain, so nothing behind it sees the request. Useful where a servlet cannot be
 * mapped, or to take a path before a framework's dispatcher does:
 *
 * <pre>{@code
 * FilterRegistration.Dynamic webhooks = servletContext.addFilter("exa-webhooks", new WebhookFilter(endpoint));
 * webhooks.setAsyncSupported(true);
 * webhooks.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/webhooks/exa");
 * }</pre>
 *
 * <p>It answers exactly as {@link WebhookServlet} does: see there for the statuses, and for why it should be
 * registered with asynchronous support (the request is asynchronous only if the servlet behind the filter, and
 * every filter before it, supports it too). A request that is not
 * HTTP is passed along the chain untouched.
 *
 * <p>Instances are created in code, with their endpoint, and registered programmatically. Thread-safe:
 * one instance serves every request of its mapping.
 */
public final class WebhookFilter implements Filter {

    private final WebhookExchange exchange;

    /**
     * A filter for {@code endpoint} with the {@linkplain WebhookServletOptions#defaults() default options}.
     *
     * @param endpoint the endpoint every request goes to
     */
    public WebhookFilter(WebhookEndpoint endpoint) {
        this(endpoint, WebhookServletOptions.defaults());
    }

    /**
     * A filter for {@code endpoint} with the given options.
     *
     * @param endpoint the endpoint every request goes to
     * @param options the body limit and {@code Retry-After}
     */
    public WebhookFilter(WebhookEndpoint endpoint, WebhookServletOptions options) {
        this.exchange = new WebhookExchange(endpoint, options);
    }

    /**
     * The endpoint requests go to.
     *
     * @return the endpoint
     */
    public WebhookEndpoint endpoint() {
        return exchange.endpoint();
    }

    /**
     * The options in force.
     *
     * @return the options
     */
    public WebhookServletOptions options() {
        return exchange.options();
    }

    /** Answers an HTTP request itself, without calling {@code chain}. */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse) {
            exchange.handle(httpRequest, httpResponse);
        } else {
            chain.doFilter(request, response);
        }
    }

    @Override
    public String toString() {
        return "WebhookFilter[" + exchange.endpoint().name() + "]";
    }
}
