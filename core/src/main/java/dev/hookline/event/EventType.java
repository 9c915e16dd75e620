package dev.hookline.event;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A typed key for one event type: its name on the wire and the Java type its {@code data} binds to.
 *
 * <pre>{@code
 * EventType<WebsetItem> ITEM_CREATED = EventType.of("webset.item.created", WebsetItem.class);
 * router.on(ITEM_CREATED, item -> index(item));   // item is a WebsetItem, checked by the compiler
 * }</pre>
 *
 * <p>When a provider reuses a type name for differently shaped data, a key can be restricted to data
 * whose {@code object} field has a given value ({@link #whenDataObject(String)}); events of the other
 * shape then skip that key's typed handlers but still reach name, wildcard and catch-all handlers.
 *
 * <p>Immutable and thread-safe; equal when name, data type and restriction are equal.
 *
 * @param <T> the type {@code data} binds to
 */
public final class EventType<T> {

    private final String name;
    private final Class<T> dataType;
    private final String dataObject;

    private EventType(String name, Class<T> dataType, String dataObject) {
        this.name = name;
        this.dataType = dataType;
        this.dataObject = dataObject;
    }

    /**
     * A key whose {@code data} binds to {@code dataType}.
     *
     * @param name the event type's name, such as {@code webset.item.created}
     * @param dataType the record (or other Jackson-bindable type) of its data
     * @param <T> the data type
     * @return the key
     */
    public static <T> EventType<T> of(String name, Class<T> dataType) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An event type name is required");
        }
        if (name.indexOf('*') >= 0) {
            throw new IllegalArgumentException("An event type name cannot contain '*': " + name);
        }
        return new EventType<>(name, Objects.requireNonNull(dataType, "dataType"), null);
    }

    /**
     * A key whose {@code data} stays a JSON tree: for undocumented or unstable payloads.
     *
     * @param name the event type's name
     * @return the key
     */
    public static EventType<JsonNode> raw(String name) {
        return of(name, JsonNode.class);
    }

    /**
     * This key, restricted to events whose {@code data.object} is {@code object} (or absent).
     *
     * @param object the expected value of {@code data.object}, such as {@code monitor}
     * @return the restricted key
     */
    public EventType<T> whenDataObject(String object) {
        return new EventType<>(name, dataType, Objects.requireNonNull(object, "object"));
    }

    /** The event type's name on the wire. */
    public String name() {
        return name;
    }

    /** The type {@code data} binds to. */
    public Class<T> dataType() {
        return dataType;
    }

    /**
     * Whether this key's typed handlers apply to an event of this key's name: false only when the key
     * is restricted to a {@code data.object} value and the event's data names another.
     *
     * @param event an event whose type is this key's name
     * @return whether the data has this key's shape
     */
    public boolean appliesTo(WebhookEvent event) {
        if (dataObject == null) {
            return true;
        }
        String object = event.dataString("object");
        return object == null || dataObject.equals(object);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventType<?> that
                && name.equals(that.name)
                && dataType.equals(that.dataType)
                && Objects.equals(dataObject, that.dataObject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dataType, dataObject);
    }

    @Override
    public String toString() {
        return name + " -> " + dataType.getSimpleName();
    }
}
