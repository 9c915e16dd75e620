package dev.hookline.providers;

/**
 * An event a backfill could not have handled: its handlers failed or ran out of time, it is being handled
 * elsewhere, the deduplicator was busy, or it could not be dispatched at all.
 *
 * @param eventId the event id
 * @param type the event type
 * @param reason a stable code: a {@link dev.hookline.delivery.Reason#code()} of the outcome, or
 *     {@code not_dispatchable} for an event without an id or a type
 * @param description one sentence for people; never a payload or a handler's message
 */
public record BackfillFailure(String eventId, String type, String reason, String description) {
}
