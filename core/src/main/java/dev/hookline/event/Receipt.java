package dev.hookline.event;

import java.time.Instant;
import java.util.Objects;

/**
 * How an event reached its handlers: through which endpoint, when its delivery was received, and on which
 * attempt. A {@link dev.hookline.routing.WebhookListener} method may take it as a parameter.
 *
 * @param endpoint the name of the endpoint that accepted the delivery
 * @param receivedAt when the delivery was received (for an event fetched from a provider's API, when it was fetched)
 * @param attempt 1 for a delivery handled as it arrived; more when a stored event is dispatched again after a failure
 */
public record Receipt(String endpoint, Instant receivedAt, int attempt) {

    /** Checks that every part is present and the attempt is positive. */
    public Receipt {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }
}
