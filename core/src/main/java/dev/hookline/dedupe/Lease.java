package dev.hookline.dedupe;

import java.time.Instant;
import java.util.Objects;

/**
 * A held claim on one event: proof, for {@link Deduplicator#complete} and {@link Deduplicator#release}, that
 * the caller is the one that acquired it. Once {@link #expiresAt()} has passed, another caller may take the
 * event over (its holder is presumed dead), and this lease can then no longer settle it.
 *
 * @param key the event held
 * @param owner a token unique to this acquisition, compared by the store
 * @param expiresAt when another caller may take the event over
 */
public record Lease(EventKey key, String owner, Instant expiresAt) {

    /** Checks that every part is present. */
    public Lease {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
