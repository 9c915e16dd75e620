package dev.hookline.spring;

import dev.hookline.Outcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Logs each failed delivery once, at WARN, by endpoint, reason, event type and id; never the payload. */
final class LoggingWebhookErrorHandler implements WebhookErrorHandler {

    private static final Log LOG = LogFactory.getLog(WebhookErrorHandler.class);

    @Override
    public void handleFailure(Outcome outcome) {
        if (!LOG.isWarnEnabled()) {
            return;
        }
        String message = "Webhook delivery failed on endpoint " + outcome.endpoint() + " (" + outcome.reason().code()
                + ") for event type " + outcome.eventType() + ", id " + outcome.eventId() + "; the sender will retry";
        if (outcome.failure() == null) {
            LOG.warn(message);
        } else {
            LOG.warn(message, outcome.failure());
        }
    }

    @Override
    public String toString() {
        return "LoggingWebhookErrorHandler";
    }
}
