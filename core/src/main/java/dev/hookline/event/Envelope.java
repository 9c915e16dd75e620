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
 */
public record Envelope(String id, String type, Instant time, JsonNode data) {

    /** Checks that the id and type are present, and gives absent data a missing node. */
    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        data = data == null ? MissingNode.getInstance() : data;
    }

    /** Names the type and id only. */
    @Override
    public String toString() {
        return "Envelope[type=" + type + ", id=" + id + "]";
    }
}
