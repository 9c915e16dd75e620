package dev.hookline.dedupe;

import java.time.Duration;

/**
 * Remembers which events have been handled, so that a redelivery of a handled event is acknowledged
 * without running its handlers again.
 *
 * <p>The protocol for one delivery: {@link #claim} the event id; if {@link Claim#ACQUIRED}, run the
 * handlers, then {@link #complete} the id on success or {@link #release} it on failure so that the
 * sender's retry runs them again. A claim on an id that another delivery holds waits, up to the given
 * time, for that delivery's outcome: answering early could acknowledge an event whose first delivery then
 * fails.
 *
 * <p>{@link InMemoryDeduplicator} is the bounded default for a single instance; a shared store (a database
 * or cache) is the way to deduplicate across instances. Implementations must be thread-safe.
 */
public interface Deduplicator {

    /** The result of a claim. */
    enum Claim {
        /** The caller holds the id and must complete or release it. */
        ACQUIRED,
        /** The event was already handled: acknowledge it without running handlers. */
        COMPLETED,
        /** Another delivery still holds the id after the wait: ask the sender to retry later. */
        IN_PROGRESS
    }

    /**
     * Claims an event id.
     *
     * @param eventId the event id
     * @param maxWait how long to wait for another delivery holding the same id
     * @return whether the caller now holds the id, the event is done, or it is still held elsewhere
     * @throws InterruptedException if interrupted while waiting
     */
    Claim claim(String eventId, Duration maxWait) throws InterruptedException;

    /**
     * Records that the held id's event was handled; later claims return {@link Claim#COMPLETED}.
     *
     * @param eventId an id this caller acquired
     */
    void complete(String eventId);

    /**
     * Gives up a held id without recording it, so the next claim acquires it.
     *
     * @param eventId an id this caller acquired
     */
    void release(String eventId);

    /**
     * A deduplicator that remembers nothing: every claim is acquired. For handlers that are idempotent
     * on their own, or deduplicate elsewhere.
     *
     * @return the deduplicator
     */
    static Deduplicator none() {
        return NoDeduplication.INSTANCE;
    }
}
