package dev.hookline.bench;

import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.dedupe.Lease;
import java.time.Duration;
import java.time.Instant;

/**
 * The in-memory store, told that no event needs protecting from replay, so that a full store forgets its oldest
 * event to make room. Benchmarks deliver far more distinct events within five minutes than a store can hold;
 * a receiver never does that with a store sized for its traffic, which would otherwise answer busy. Every claim
 * and completion still does the store's real work.
 */
public final class RecyclingDeduplicator implements Deduplicator {

    private final InMemoryDeduplicator store;

    /**
     * A recycling store of the given capacity.
     *
     * @param maxEntries the most events remembered
     */
    public RecyclingDeduplicator(int maxEntries) {
        this.store = InMemoryDeduplicator.builder().maxEntries(maxEntries).build();
    }

    @Override
    public Claim claim(EventKey key, Duration lease) {
        return store.claim(key, lease);
    }

    @Override
    public boolean complete(Lease lease, Instant keepUntil) {
        return store.complete(lease, null);
    }

    @Override
    public boolean release(Lease lease) {
        return store.release(lease);
    }

    /** How many handled events the store remembers now. */
    public int completedCount() {
        return store.completedCount();
    }

    /** How many events are held now. */
    public int inFlightCount() {
        return store.inFlightCount();
    }
}
