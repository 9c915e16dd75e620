package dev.hookline.servlet;

import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import java.time.Instant;

/**
 * What a {@link WebhookServlet} or {@link WebhookFilter} does with a delivery once its body has been read whole:
 * by default {@link WebhookEndpoint#receive(Delivery, Instant)}, which verifies it and runs the handlers in the
 * request. Another receiver may answer sooner, for instance by storing the verified event for workers to handle
 * later ({@code JdbcInbox::receive} in {@code hookline-jdbc}, which answers 204 once the event is committed and 503
 * when the database is out of reach):
 *
 * <pre>{@code
 * WebhookServletOptions options = WebhookServletOptions.builder().receiver(inbox::receive).build();
 * new WebhookServlet(endpoint, options);
 * }</pre>
 *
 * <p>The outcome is answered with the same policy as the endpoint's own ({@link Outcome#httpStatus()},
 * {@link Outcome#retryLater()}). A receiver must be thread-safe, and should return an outcome rather than throw:
 * an exception is answered with 500 where the body was read asynchronously, and left to the container otherwise.
 * The adapter's own refusals (405, 408, 413, a body cut short) never reach it.
 */
@FunctionalInterface
public interface DeliveryReceiver {

    /**
     * Handles one delivery whose body was read whole.
     *
     * @param endpoint the endpoint the servlet or filter serves
     * @param delivery the headers and raw body
     * @param receivedAt when the request arrived, before its body was read
     * @return the outcome to answer with
     */
    Outcome receive(WebhookEndpoint endpoint, Delivery delivery, Instant receivedAt);

    /**
     * The default: the endpoint verifies the delivery and runs its handlers at once.
     *
     * @return {@link WebhookEndpoint#receive(Delivery, Instant)} as a receiver
     */
    static DeliveryReceiver direct() {
        return DirectReceiver.INSTANCE;
    }
}
