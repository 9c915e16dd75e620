package dev.hookline.event;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What an {@link EnvelopeFormat} reads from one verified body: the event's id, type and time, and its data.
 *
 * @param id the event id, the deduplication key
 * @param type the event type's name
 * @param time when the sender says the event happened, or {@code null} if the envelope does not say
 * @param data the event's data as a JSON tree; a missing node if the envelope has none
 * @param baseType a more general name the event is also routed under, such as {@code pull_request} for
 *     {@code pull_request.opened}; {@code null} for none
 */
public record Envelope(String id, String type, Instant time, JsonNode data, String baseType) {

    /** Checks that the id and type are present, and gives absent data a missing node. */
    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        data = data == null ? MissingNode.getInstance() : data;
        baseType = type.equals(baseType) ? null : baseType;
    }

    /**
     * An envelope routed under its type alone.
     *
     * @param id the event id
     * @param type the event type's name
     * @param time when the event happened, or {@code null}
     * @param data the event's data
     */
    public Envelope(String id, String type, Instant time, JsonNode data) {
        this(id, type, time, data, null);
    }

    /** Names the type and id only. */
    @Override
    public String toString() {
        return "Envelope[type=" + type + ", id=" + id + "]";
    }
}
