package dev.hookline.providers;

import dev.hookline.delivery.Headers;
import dev.hookline.event.EventJson;
import dev.hookline.event.EventType;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.exa.ExaEvents;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event as Exa's events API lists it ({@code object: "event"}): exactly the envelope a webhook delivery
 * carries, so its {@code data} binds with the same catalogue ({@link ExaEvents}) as a delivered event's.
 *
 * <pre>{@code
 * ExaEvent event = exa.getEvent("event_01k...");
 * WebsetItem item = event.data(ExaEvents.WEBSET_ITEM_CREATED);
 * }</pre>
 *
 * @param id the event id, the same as in its deliveries: the deduplication key
 * @param object {@code event}
 * @param type the event type, such as {@code webset.item.created}
 * @param data the resource that triggered it, as JSON
 * @param createdAt when it happened
 */
public record ExaEvent(String id, String object, String type, JsonNode data, Instant createdAt) {

    /** The provider name events fetched from Exa are dispatched under. */
    public static final String PROVIDER = "exa";

    /**
     * The data bound to the record a catalogue key names.
     *
     * @param eventType the key of this event's type, such as {@link ExaEvents#WEBSET_ITEM_CREATED}
     * @param <T> the record type
     * @return the bound data
     * @throws IllegalArgumentException if the key is for another type, or the data does not bind to it
     */
    public <T> T data(EventType<T> eventType) {
        Objects.requireNonNull(eventType, "eventType");
        if (!eventType.name().equals(type)) {
            throw new IllegalArgumentException("Event " + id + " is a " + type + ", not a " + eventType.name());
        }
        try {
            return EventJson.mapper().treeToValue(data, eventType.dataType());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The data of event " + id + " (" + type + ") does not bind to "
                    + eventType.dataType().getSimpleName());
        }
    }

    /**
     * The key {@link ExaEvents#catalog()} documents for this event's type.
     *
     * @return the key, or empty for a type the catalogue does not list
     */
    public Optional<EventType<?>> documentedType() {
        return type == null ? Optional.empty() : ExaEvents.catalog().find(type);
    }

    /**
     * The event as the JSON object a delivery of it carries: {@code id}, {@code object}, {@code type}, {@code data}
     * and {@code createdAt} (ISO-8601), in that order, and nothing else.
     *
     * @return the UTF-8 bytes
     */
    public byte[] toJson() {
        ObjectNode envelope = ApiTransport.JSON.createObjectNode()
                .put("id", id)
                .put("object", object == null ? "event" : object)
                .put("type", type);
        envelope.set("data", data);
        envelope.put("createdAt", createdAt == null ? null : createdAt.toString());
        return ApiTransport.JSON.writeValueAsBytes(envelope);
    }

    /**
     * This event as an endpoint's dispatch stage takes it: endpoint {@code endpoint}, provider {@value #PROVIDER},
     * this id, type and time, received at {@code fetchedAt}, no replay bound, no headers, and {@link #toJson()}
     * as the body. It came over Exa's authenticated API, so nothing is verified: pass it to
     * {@link dev.hookline.WebhookEndpoint#dispatch}.
     *
     * @param endpoint the name of the endpoint that will dispatch it
     * @param fetchedAt when it was fetched
     * @return the event
     * @throws IllegalArgumentException if the event has no id or no type
     */
    public VerifiedEvent toVerifiedEvent(String endpoint, Instant fetchedAt) {
        if (id == null || id.isEmpty() || type == null || type.isEmpty()) {
            throw new IllegalArgumentException("An event without an id or a type cannot be dispatched");
        }
        return new VerifiedEvent(endpoint, PROVIDER, id, type, createdAt, fetchedAt, null, Headers.empty(),
                toJson());
    }

    /** Names the event; never shows its data. */
    @Override
    public String toString() {
        return "ExaEvent[id=" + id + ", type=" + type + ", createdAt=" + createdAt + "]";
    }
}
