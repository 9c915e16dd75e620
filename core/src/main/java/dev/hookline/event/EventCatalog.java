package dev.hookline.event;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The event types a provider documents, by name. Events of types outside the catalogue are still
 * delivered to name, wildcard and catch-all handlers; the catalogue only says how known types bind.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventCatalog {

    private static final EventCatalog EMPTY = new EventCatalog(Map.of());

    private final Map<String, EventType<?>> byName;

    private EventCatalog(Map<String, EventType<?>> byName) {
        this.byName = byName;
    }

    /** A catalogue with no types, for providers whose events are all application-defined. */
    public static EventCatalog empty() {
        return EMPTY;
    }

    /**
     * A catalogue of the given types.
     *
     * @param types the keys, each with a distinct name
     * @return the catalogue
     * @throws IllegalArgumentException if two keys share a name
     */
    public static EventCatalog of(EventType<?>... types) {
        Map<String, EventType<?>> byName = new LinkedHashMap<>();
        for (EventType<?> type : types) {
            if (byName.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("Event type listed twice: " + type.name());
            }
        }
        return new EventCatalog(Collections.unmodifiableMap(byName));
    }

    /**
     * The key documented for a type name.
     *
     * @param name an event type name
     * @return its key, or empty if the catalogue does not list it
     */
    public Optional<EventType<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Whether the catalogue accepts handlers for names it does not list: true for an empty catalogue (a provider
     * whose event types are the application's own), false for one that lists the provider's documented types.
     *
     * @return true if any name may be listened to
     */
    public boolean isOpen() {
        return byName.isEmpty();
    }

    /** Every key in the catalogue, in the order given to {@link #of}. */
    public Collection<EventType<?>> types() {
        return byName.values();
    }

    @Override
    public String toString() {
        return "EventCatalog" + byName.keySet();
    }
}
