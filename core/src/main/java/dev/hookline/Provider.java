package dev.hookline;

import dev.hookline.event.EnvelopeFormat;
import dev.hookline.event.EventCatalog;
import dev.hookline.signature.SignatureScheme;
import java.util.Objects;

/**
 * A webhook sender, as a receiver sees it: how it signs ({@link SignatureScheme}), how it wraps events
 * ({@link EnvelopeFormat}) and which event types it documents ({@link EventCatalog}).
 *
 * <p>The built-in providers come from {@link Providers}; any other sender is a {@code new Provider(...)}
 * of a scheme and an envelope format. Immutable and thread-safe.
 *
 * @param name a short lower-case name, such as {@code exa}, used in events, logs and metrics
 * @param scheme how deliveries are signed
 * @param envelope how events are wrapped
 * @param catalog the documented event types and the types their data binds to
 */
public record Provider(String name, SignatureScheme scheme, EnvelopeFormat envelope, EventCatalog catalog) {

    /** Checks that every part is present. */
    public Provider {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A provider name is required");
        }
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * A provider with no documented event types: every event reaches name, wildcard and catch-all handlers.
     *
     * @param name the provider's name
     * @param scheme how deliveries are signed
     * @param envelope how events are wrapped
     */
    public Provider(String name, SignatureScheme scheme, EnvelopeFormat envelope) {
        this(name, scheme, envelope, EventCatalog.empty());
    }
}
