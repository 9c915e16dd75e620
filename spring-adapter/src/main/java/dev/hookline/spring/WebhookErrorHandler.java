package dev.hookline.spring;

import dev.hookline.Outcome;

/**
 * Reacts to deliveries that were authentic but not handled: a listener threw, the deduplicator failed, or
 * the same event was still being handled by an earlier delivery. The sender is answered with 500 or 503 and
 * will retry, so nothing is lost; this is the place to alert, record or report.
 *
 * <p>The auto-configured handler logs each failure at {@code WARN} with its endpoint, reason, event type and
 * id and the throwable, never the payload. Declare a bean of this type to replace it; the replacement then
 * owns the reporting, as the servlet adapter's own failure logging is switched off in Spring applications.
 *
 * <p>Called on the request thread after the outcome is decided and before the response is written; keep it
 * quick. An exception it throws is logged and does not change the response.
 */
@FunctionalInterface
public interface WebhookErrorHandler {

    /**
     * Handles one failed delivery.
     *
     * @param outcome a {@link Outcome.Status#FAILED} outcome: {@link Outcome#endpoint()} names the endpoint,
     *     {@link Outcome#eventType()} and {@link Outcome#eventId()} the event, {@link Outcome#reason()} says
     *     why, and {@link Outcome#failure()} is what was thrown (null when nothing was, as for an event still
     *     in progress)
     */
    void handleFailure(Outcome outcome);
}
