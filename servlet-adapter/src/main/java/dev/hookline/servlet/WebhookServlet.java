package dev.hookline.servlet;

import dev.hookline.WebhookEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet that hands every request it receives to one {@link WebhookEndpoint} and answers with the
 * outcome; or, with {@link WebhookServletOptions.Builder#receiver(DeliveryReceiver)}, to another receiver, such
 * as a durable inbox that stores the verified event and answers once it is committed. Map it to the path the
 * sender posts to:
 *
 * <pre>{@code
 * ServletRegistration.Dynamic webhooks = servletContext.addServlet("exa-webhooks", new WebhookServlet(endpoint));
 * webhooks.setAsyncSupported(true);
 * webhooks.addMapping("/webhooks/exa");
 * }</pre>
 *
 * <p>Register it with asynchronous support, as above: a body not already whole when the request arrives (a small
 * body of declared length usually is, and is read at once) is then read with non-blocking reads, and a body
 * that has not all arrived within {@link WebhookServletOptions#bodyReadTimeout()} is answered with 408 at that
 * deadline, even one that has stopped arriving. Without asynchronous support the body is read with blocking reads,
 * which check the deadline only between reads; a body that stops arriving altogether is then left to the
 * container's idle timeout.
 *
 * <table>
 *   <caption>Responses</caption>
 *   <tr><th>status</th><th>when</th></tr>
 *   <tr><td>204</td><td>accepted, or a duplicate of an event already handled</td></tr>
 *   <tr><td>400</td><td>authentic but not a valid event, or the body ended before its declared length</td></tr>
 *   <tr><td>401</td><td>the signature is missing, malformed or does not match, or the signed timestamp or
 *       event time is outside the tolerance</td></tr>
 *   <tr><td>405</td><td>not a POST; with {@code Allow: POST}</td></tr>
 *   <tr><td>408</td><td>the body did not all arrive within {@link WebhookServletOptions#bodyReadTimeout()};
 *       with {@code Connection: close}</td></tr>
 *   <tr><td>413</td><td>the body is longer than {@link WebhookServletOptions#maxBodySize()}; the rest of it is
 *       read and discarded up to {@link WebhookServletOptions#maxDrainSize()}, or else the connection is
 *       closed</td></tr>
 *   <tr><td>500</td><td>a handler failed: the sender should retry</td></tr>
 *   <tr><td>503</td><td>the same event is still being handled, deduplication is unavailable, the
 *       receiver was interrupted, or (with an inbox receiver) the event could not be stored; with
 *       {@code Retry-After}</td></tr>
 * </table>
 *
 * <p>Every error response is an {@code application/problem+json} body (RFC 9457) with {@code type},
 * {@code title}, {@code status}, {@code detail} and the {@code reason} code; it never holds a stack trace,
 * a header value or the payload. A handler failure is logged with {@link System.Logger} at
 * {@code WARNING}, unless {@link WebhookServletOptions#logFailures()} is off. A body that cannot be read to its end
 * (the client cut it short, or the connection broke) is answered with 400, a container's own read timeout with
 * 408; the container never answers a request with an error page of its own.
 *
 * <p>Instances are created in code, with their endpoint, and registered programmatically. Thread-safe:
 * one instance serves every request of its mapping.
 */
public final class WebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The exchange logic; servlets are not serialized in practice, and an endpoint cannot be. */
    private final transient WebhookExchange exchange;

    /**
     * A servlet for {@code endpoint} with the {@linkplain WebhookServletOptions#defaults() default options}.
     *
     * @param endpoint the endpoint every request goes to
     */
    public WebhookServlet(WebhookEndpoint endpoint) {
        this(endpoint, WebhookServletOptions.defaults());
    }

    /**
     * A servlet for {@code endpoint} with the given options.
     *
     * @param endpoint the endpoint every request goes to
     * @param options the body limit and {@code Retry-After}
     */
    public WebhookServlet(WebhookEndpoint endpoint, WebhookServletOptions options) {
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

    /** Answers every method here, so that anything but POST gets 405 with a problem body. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        exchange.handle(request, response);
    }

    @Override
    public String toString() {
        return "WebhookServlet[" + exchange.endpoint().name() + "]";
    }
}
