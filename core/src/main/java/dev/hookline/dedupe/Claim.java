package dev.hookline.dedupe;

import java.util.Objects;

/**
 * The answer to {@link Deduplicator#claim}: the caller now holds the event, or it was already handled, or
 * someone else holds it, or the store has no room.
 *
 * @param status what the store answered
 * @param lease the lease to settle, exactly when {@code status} is {@link Status#ACQUIRED}
 */
public record Claim(Status status, Lease lease) {

    private static final Claim COMPLETED = new Claim(Status.COMPLETED, null);
    private static final Claim IN_PROGRESS = new Claim(Status.IN_PROGRESS, null);
    private static final Claim BUSY = new Claim(Status.BUSY, null);

    /** What a store answered to a claim. */
    public enum Status {
        /** The caller holds the event and must complete or release its lease. */
        ACQUIRED,
        /** The event was already handled: acknowledge it without running handlers. */
        COMPLETED,
        /** Another caller holds the event under a lease that has not expired. */
        IN_PROGRESS,
        /**
         * The store is at capacity with events it must not forget yet: nothing was recorded, and the sender
         * should retry later.
         */
        BUSY
    }

    /** Checks that a lease comes with, and only with, an acquisition. */
    public Claim {
        Objects.requireNonNull(status, "status");
        if ((status == Status.ACQUIRED) != (lease != null)) {
            throw new IllegalArgumentException(status + " claims " + (lease == null ? "need" : "have no") + " lease");
        }
    }

    /**
     * The caller now holds the event.
     *
     * @param lease the lease it holds
     * @return the claim
     */
    public static Claim acquired(Lease lease) {
        return new Claim(Status.ACQUIRED, Objects.requireNonNull(lease, "lease"));
    }

    /** The event was already handled. */
    public static Claim completed() {
        return COMPLETED;
    }

    /** Another caller holds the event. */
    public static Claim inProgress() {
        return IN_PROGRESS;
    }

    /** The store has no room now. */
    public static Claim busy() {
        return BUSY;
    }
}
