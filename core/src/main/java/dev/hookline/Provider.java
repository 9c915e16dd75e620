package dev.hookline;

import dev.hookline.event.EnvelopeFormat;
import dev.hookline.event.EventCatalog;
import dev.hookline.signature.SignatureScheme;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A webhook sender, as a receiver sees it: how it signs ({@link SignatureScheme}), how it wraps events
 * ({@link EnvelopeFormat}), which event types it documents ({@link EventCatalog}) and, for senders that sign
 * no timestamp, how old an event may be before it is refused as a replay.
 *
 * <p>The built-in providers come from {@link Providers}; any other sender is a {@code new Provider(...)}
 * of a scheme and an envelope format. A provider whose envelope reads an event's id or type from a header the
 * scheme does not sign is refused, unless the envelope {@linkplain EnvelopeFormat#trustsUnsignedHeaders()
 * trusts unsigned headers} on purpose. Immutable and thread-safe.
 *
 * @param name a short lower-case name, such as {@code exa}, used in events, logs and metrics
 * @param scheme how deliveries are signed
 * @param envelope how events are wrapped
 * @param catalog the documented event types and the types their data binds to
 * @param maxEventAge the default event-age window of endpoints receiving from this provider (see
 *     {@link WebhookEndpoint.Builder#maxEventAge}), or {@code null} for none
 */
public record Provider(String name, SignatureScheme scheme, EnvelopeFormat envelope, EventCatalog catalog,
                       Duration maxEventAge) {

    /** Checks that every part is present, and that the envelope reads only signed headers or says otherwise. */
    public Provider {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A provider name is required");
        }
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(catalog, "catalog");
        if (maxEventAge != null && (maxEventAge.isNegative() || maxEventAge.isZero())) {
            throw new IllegalArgumentException("A provider's maxEventAge must be positive, was " + maxEventAge);
        }
        Set<String> unsigned = unsignedHeaders(scheme, envelope);
        if (!unsigned.isEmpty() && !envelope.trustsUnsignedHeaders()) {
            throw new IllegalArgumentException("Provider '" + name + "' reads the event's id or type from "
                    + String.join(", ", unsigned) + ", which " + scheme + " does not sign: anyone holding one "
                    + "captured delivery could replay it with new values there. Take them from the signed body "
                    + "instead, or call JsonEnvelope.Builder.trustUnsignedHeaders() to accept that risk.");
        }
    }

    /**
     * A provider with no default event-age window.
     *
     * @param name the provider's name
     * @param scheme how deliveries are signed
     * @param envelope how events are wrapped
     * @param catalog the documented event types
     */
    public Provider(String name, SignatureScheme scheme, EnvelopeFormat envelope, EventCatalog catalog) {
        this(name, scheme, envelope, catalog, null);
    }

    /**
     * A provider with no documented event types: every event reaches name, wildcard and catch-all handlers.
     *
     * @param name the provider's name
     * @param scheme how deliveries are signed
     * @param envelope how events are wrapped
     */
    public Provider(String name, SignatureScheme scheme, EnvelopeFormat envelope) {
        this(name, scheme, envelope, EventCatalog.empty(), null);
    }

    /**
     * Whether the envelope reads an id or type from a header no signature covers (having been allowed to):
     * deduplication then keys on the id together with the body's digest.
     *
     * @return true if some header the envelope reads is unsigned
     */
    public boolean readsUnsignedHeaders() {
        return !unsignedHeaders(scheme, envelope).isEmpty();
    }

    private static Set<String> unsignedHeaders(SignatureScheme scheme, EnvelopeFormat envelope) {
        Set<String> unsigned = new TreeSet<>();
        Set<String> signed = scheme.signedHeaders();
        for (String header : envelope.headersRead()) {
            String name = header.toLowerCase(Locale.ROOT);
            if (!signed.contains(name)) {
                unsigned.add(name);
            }
        }
        return unsigned;
    }
}
