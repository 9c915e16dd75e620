package dev.hookline.providers;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;

/**
 * A place in Exa's event history, in the order a backfill processes events: by {@code createdAt}, then by id.
 * Everything up to and including the position has been processed; what comes after it has not.
 *
 * <p>A backfill returns the position it reached ({@link BackfillResult#position()}); store its
 * {@link #toString() text form} and pass {@link #parse(String) it} to the next run, which goes on from there.
 *
 * @param createdAt the time of the last event processed, or the time to start from
 * @param eventId the id of the last event processed at {@code createdAt}; null when nothing at that time has been
 *     processed yet (a start time)
 */
public record EventPosition(Instant createdAt, String eventId) {

    /** Checks that there is a time. */
    public EventPosition {
        Objects.requireNonNull(createdAt, "createdAt");
        if (eventId != null && eventId.isEmpty()) {
            eventId = null;
        }
    }

    /**
     * The position before every event created at or after {@code since}.
     *
     * @param since the earliest creation time to process, inclusive
     * @return the position
     */
    public static EventPosition since(Instant since) {
        return new EventPosition(since, null);
    }

    /**
     * The position just after an event.
     *
     * @param createdAt the event's creation time
     * @param eventId its id
     * @return the position
     */
    public static EventPosition after(Instant createdAt, String eventId) {
        return new EventPosition(createdAt, Objects.requireNonNull(eventId, "eventId"));
    }

    /**
     * Reads the text form {@link #toString()} writes.
     *
     * @param text {@code <ISO-8601 instant>} or {@code <ISO-8601 instant>/<event id>}
     * @return the position
     * @throws IllegalArgumentException if the text is not a position
     */
    public static EventPosition parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        try {
            Instant at = Instant.parse(slash < 0 ? text : text.substring(0, slash));
            return new EventPosition(at, slash < 0 ? null : text.substring(slash + 1));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Not an event position: '" + text + "'; expected <instant>[/<event id>]");
        }
    }

    /**
     * Whether an event comes after this position, so that it has yet to be processed. An event without a
     * creation time cannot be placed and counts as after.
     *
     * @param eventCreatedAt the event's creation time
     * @param id the event's id
     * @return true if the event is after this position
     */
    public boolean precedes(Instant eventCreatedAt, String id) {
        if (eventCreatedAt == null) {
            return true;
        }
        int byTime = eventCreatedAt.compareTo(createdAt);
        if (byTime != 0) {
            return byTime > 0;
        }
        return eventId == null || (id != null && id.compareTo(eventId) > 0);
    }

    /** The text form: the instant in ISO-8601, then {@code /} and the event id when there is one. */
    @Override
    public String toString() {
        return eventId == null ? createdAt.toString() : createdAt + "/" + eventId;
    }
}
