package dev.hookline.dedupe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers which events have been handled, so that a redelivery of a handled event is acknowledged
 * without running its handlers again; shared by every instance of an application when backed by a shared
 * store.
 *
 * <p>The protocol for one event: {@link #claim} its {@link EventKey}; if {@link Claim.Status#ACQUIRED}, run the
 * handlers, then {@link #complete} the lease on success or {@link #release} it on failure, so that the sender's
 * retry runs them again. A claim is a lease: if its holder neither completes nor releases it before it expires
 * (the holder crashed, or hangs), the next claim takes the event over, and the old lease can no longer settle
 * it. A store never waits: an event held by someone else is {@link Claim.Status#IN_PROGRESS} at once, and the
 * caller decides whether to ask again ({@code WebhookEndpoint} waits a bounded time for the holder's outcome).
 * A store that cannot take another event without forgetting one it promised to keep answers
 * {@link Claim.Status#BUSY} instead.
 *
 * <p>{@link InMemoryDeduplicator} is the bounded default for a single instance. Implementations must be
 * thread-safe, and must never put an event id in an exception message shown to a sender.
 */
public interface Deduplicator {

    /**
     * Claims an event, without waiting.
     *
     * @param key the endpoint and event id
     * @param lease how long the caller may hold the event before another caller may take it over
     * @return the store's answer; {@link Claim#lease()} is set exactly when the event was acquired
     * @throws RuntimeException if the store cannot be reached; the caller answers that deduplication is unavailable
     */
    Claim claim(EventKey key, Duration lease);

    /**
     * Records that a held event was handled: later claims answer {@link Claim.Status#COMPLETED}.
     *
     * @param lease the lease from the claim
     * @param keepUntil the earliest time the store may forget the event, because a replay of its delivery
     *     could be accepted until then; {@code null} when no such time is known (the store's own retention
     *     applies)
     * @return true if recorded; false if the lease was lost (taken over after it expired), in which case
     *     nothing was recorded
     */
    boolean complete(Lease lease, Instant keepUntil);

    /**
     * Gives up a held event without recording it, so that the next claim acquires it.
     *
     * @param lease the lease from the claim
     * @return true if released; false if the lease was already settled or lost
     */
    boolean release(Lease lease);

    /**
     * How long handled events are remembered at least, when the store knows: an endpoint refuses to be built
     * with a store that would forget an event while a replay of it could still be accepted.
     *
     * @return the retention, or empty when the store keeps events however long it is asked to
     */
    default Optional<Duration> retention() {
        return Optional.empty();
    }

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
