package dev.hookline;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one delivery, for an adapter to turn into an HTTP response and for metrics.
 *
 * <p>{@link #toString()} never shows the failure's message, which may come from application code.
 *
 * @param endpoint the endpoint's name
 * @param status what happened
 * @param reason why it was not accepted; null for {@link Status#ACCEPTED} and {@link Status#DUPLICATE}
 * @param eventId the event id; null when the delivery was rejected or malformed before it was known
 * @param eventType the event type; null when the delivery was rejected or malformed before it was known
 * @param handlersRun how many handlers ran
 * @param failure what a handler or the deduplicator threw, for {@link Status#FAILED}; otherwise null.
 *     Never send it to the client.
 * @param elapsed how long the endpoint took, from receipt to outcome
 */
public record Outcome(String endpoint, Status status, Reason reason, String eventId, String eventType,
                      int handlersRun, Throwable failure, Duration elapsed) {

    /** What happened to a delivery. */
    public enum Status {
        /** Authentic, well formed, and every matching handler ran without throwing (or none matched). */
        ACCEPTED,
        /** Authentic and already handled: acknowledged without running handlers. */
        DUPLICATE,
        /** Not authentic, or not timely: the signature failed, or the event time is out of tolerance. */
        REJECTED,
        /** Authentic, but the payload is not a valid event. */
        MALFORMED,
        /** Authentic and well formed, but not handled: the sender should retry. */
        FAILED;

        /** Whether the sender should be told the delivery succeeded (2xx). */
        public boolean isAcknowledged() {
            return this == ACCEPTED || this == DUPLICATE;
        }
    }

    /** Checks the parts every outcome has. */
    public Outcome {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        if (status.isAcknowledged() != (reason == null)) {
            throw new IllegalArgumentException(status + " outcomes " + (reason == null ? "need" : "have no") + " reason");
        }
    }

    @Override
    public String toString() {
        return "Outcome[endpoint=" + endpoint + ", status=" + status
                + (reason == null ? "" : ", reason=" + reason.code())
                + (eventType == null ? "" : ", type=" + eventType)
                + (eventId == null ? "" : ", id=" + eventId)
                + ", handlers=" + handlersRun
                + (failure == null ? "" : ", failure=" + failure.getClass().getName())
                + ", elapsed=" + elapsed + "]";
    }
}
