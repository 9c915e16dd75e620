package dev.hookline.dedupe;

import java.time.Duration;

/** Acquires every claim. */
enum NoDeduplication implements Deduplicator {
    INSTANCE;

    @Override
    public Claim claim(String eventId, Duration maxWait) {
        return Claim.ACQUIRED;
    }

    @Override
    public void complete(String eventId) {
        // nothing is remembered
    }

    @Override
    public void release(String eventId) {
        // nothing is held
    }

    @Override
    public String toString() {
        return "Deduplicator.none()";
    }
}
