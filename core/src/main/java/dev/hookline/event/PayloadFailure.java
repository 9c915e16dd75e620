package dev.hookline.event;

import dev.hookline.delivery.Reason;
import java.util.Locale;

/** Why an authentic delivery's payload could not be turned into an event. */
public enum PayloadFailure implements Reason {
    /** The body is not a single JSON object in UTF-8. */
    NOT_JSON("The payload is not a JSON object."),
    /** The envelope has no event type. */
    MISSING_EVENT_TYPE("The payload has no event type."),
    /** The envelope has no event id, and the provider has no other source for one. */
    MISSING_EVENT_ID("The payload has no event id."),
    /** The envelope's event time is absent or unreadable, and the endpoint checks event age. */
    MISSING_EVENT_TIME("The payload has no readable event time."),
    /** The envelope's event time is further from the time of receipt than the endpoint allows. */
    EVENT_TIME_OUTSIDE_TOLERANCE("The event time is outside the allowed tolerance."),
    /** The event's {@code data} does not fit the type a handler asked for. */
    INVALID_EVENT_DATA("The event data does not match its documented shape.");

    private final String description;

    PayloadFailure(String description) {
        this.description = description;
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return description;
    }
}
