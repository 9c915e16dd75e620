package dev.hookline.dedupe;

import java.util.Objects;

/**
 * What a {@link Deduplicator} claims: one event of one endpoint. Two endpoints sharing a store never
 * suppress each other's events, even when their senders use the same ids.
 *
 * @param endpoint the endpoint's name
 * @param eventId the event id, or for providers whose id is not signed, the id together with the body's digest
 */
public record EventKey(String endpoint, String eventId) {

    /** Checks that both parts are present. */
    public EventKey {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(eventId, "eventId");
    }
}
