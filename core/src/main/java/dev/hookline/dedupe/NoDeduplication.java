package dev.hookline.dedupe;

import java.time.Duration;
import java.time.Instant;

/** Acquires every claim and remembers nothing. */
enum NoDeduplication implements Deduplicator {
    INSTANCE;

    @Override
    public Claim claim(EventKey key, Duration lease) {
        return Claim.acquired(new Lease(key, "none", Instant.MAX));
    }

    @Override
    public boolean complete(Lease lease, Instant keepUntil) {
        return true; // nothing is remembered
    }

    @Override
    public boolean release(Lease lease) {
        return true; // nothing is held
    }

    @Override
    public String toString() {
        return "Deduplicator.none()";
    }
}
