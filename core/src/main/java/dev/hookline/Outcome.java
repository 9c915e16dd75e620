package dev.hookline;

import dev.hookline.delivery.Reason;
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

    /** An outcome whose elapsed time runs from {@code start}, a {@link System#nanoTime()} reading. */
    static Outcome of(String endpoint, Status status, Reason reason, String eventId, String eventType,
                      int handlersRun, Throwable failure, long start) {
        return new Outcome(endpoint, status, reason, eventId, eventType, handlersRun, failure,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The HTTP status that tells the sender what to do, the one policy every adapter answers with: 204 to stop
     * (accepted or duplicate), 401 not to retry what is not authentic or not timely, 400 not to retry what is not an
     * event, 500 to retry a delivery whose handlers failed or ran out of time, and 503 to retry later one the
     * receiver could not take now (the event in progress elsewhere, the deduplicator full or unreachable, the
     * receiver stopping), with {@code Retry-After}.
     *
     * @return the status code
     */
    public int httpStatus() {
        return switch (status) {
            case ACCEPTED, DUPLICATE -> 204;
            case REJECTED -> 401;
            case MALFORMED -> 400;
            case FAILED -> reason == DeliveryFailure.HANDLER_FAILED || reason == DeliveryFailure.HANDLER_TIMED_OUT
                    ? 500 : 503;
        };
    }

    /**
     * Whether the answer should say when to come back ({@code Retry-After}): for a 503.
     *
     * @return true if the sender should retry later rather than at once
     */
    public boolean retryLater() {
        return httpStatus() == 503;
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
