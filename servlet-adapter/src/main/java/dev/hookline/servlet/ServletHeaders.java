package dev.hookline.servlet;

import dev.hookline.delivery.Headers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The headers of a servlet request as Hookline reads them, for code that hands deliveries to an endpoint itself
 * (a controller, a queue consumer) instead of through {@link WebhookServlet} or {@link WebhookFilter}:
 *
 * <pre>{@code
 * Outcome outcome = endpoint.receive(Delivery.of(ServletHeaders.of(request), body));
 * }</pre>
 */
public final class ServletHeaders {

    private ServletHeaders() {
    }

    /**
     * Every header value of the request, in arrival order, under names compared case-insensitively.
     *
     * @param request the request
     * @return the headers
     */
    public static Headers of(HttpServletRequest request) {
        Headers.Builder headers = Headers.builder();
        Enumeration<String> names = request.getHeaderNames();
        if (names == null) {
            return headers.build();
        }
        Set<String> seen = new HashSet<>();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            // a container may list one name in two spellings; getHeaders already returns both's values
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                headers.add(name, values.nextElement());
            }
        }
        return headers.build();
    }
}
