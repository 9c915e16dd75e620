package dev.hookline.hostile;

import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.delivery.Headers;
import dev.hookline.delivery.Reason;
import dev.hookline.event.EventType;
import dev.hookline.event.MalformedPayloadException;
import dev.hookline.event.PayloadFailure;
import dev.hookline.event.TestEvents;
import dev.hookline.event.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The outcome an endpoint built by {@link Hostile#endpoint} must give for an authentic delivery, worked out
 * step by step from the provider's envelope format and catalogue rather than through the endpoint.
 *
 * @param status the status
 * @param reason the reason, or null when acknowledged
 * @param eventId the event id, or null when the envelope could not be read
 * @param eventType the event type, or null when the envelope could not be read
 * @param handlersRun the handlers run: the typed one of the event's catalogue type, if any, and the catch-all
 */
record Expected(Outcome.Status status, Reason reason, String eventId, String eventType, int handlersRun) {

    static Expected rejected(Reason reason) {
        return new Expected(Outcome.Status.REJECTED, reason, null, null, 0);
    }

    /**
     * The outcome of a first delivery of an authentic body.
     *
     * @param maxEventAge the endpoint's limit on the event time, or null for none
     */
    static Expected authentic(Provider provider, Headers headers, byte[] body, Instant receivedAt,
                              Duration maxEventAge) {
        WebhookEvent event;
        try {
            event = TestEvents.read(provider, headers, body);
        } catch (MalformedPayloadException e) {
            return new Expected(Outcome.Status.MALFORMED, e.failure(), null, null, 0);
        }
        if (maxEventAge != null) {
            if (event.createdAt() == null) {
                return malformed(PayloadFailure.MISSING_EVENT_TIME, event);
            }
            if (Duration.between(event.createdAt(), receivedAt).abs().compareTo(maxEventAge) > 0) {
                return new Expected(Outcome.Status.REJECTED, PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE, event.id(),
                        event.type(), 0);
            }
        }
        int handlers = 1;
        for (EventType<?> type : provider.catalog().types()) {
            if (type.name().equals(event.type()) && type.appliesTo(event)) {
                handlers++;
                if (type.dataType() != JsonNode.class) {
                    try {
                        event.dataAs(type.dataType());
                    } catch (MalformedPayloadException e) {
                        return malformed(e.failure(), event);
                    }
                }
            }
        }
        return new Expected(Outcome.Status.ACCEPTED, null, event.id(), event.type(), handlers);
    }

    private static Expected malformed(PayloadFailure failure, WebhookEvent event) {
        return new Expected(Outcome.Status.MALFORMED, failure, event.id(), event.type(), 0);
    }

    /** The outcome of delivering the same again: a duplicate once accepted, otherwise the same outcome. */
    Expected redelivered() {
        return status == Outcome.Status.ACCEPTED
                ? new Expected(Outcome.Status.DUPLICATE, null, eventId, eventType, 0)
                : this;
    }

    /** Checks an actual outcome, field by field. */
    void assertMatches(Outcome actual, String context) {
        if (actual.status() != status || actual.reason() != reason || !Objects.equals(actual.eventId(), eventId)
                || !Objects.equals(actual.eventType(), eventType) || actual.handlersRun() != handlersRun) {
            throw new AssertionError(context + ": expected " + this + " but was " + actual + " (reason "
                    + actual.reason() + ")");
        }
    }
}
