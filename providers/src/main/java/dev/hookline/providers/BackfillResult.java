package dev.hookline.providers;

import java.util.List;
import java.util.Optional;

/**
 * What a backfill did: how many events it saw and what became of them, which failed and why, how far it got,
 * and whether it reached the end of the window.
 *
 * @param seen events fetched from the API and dispatched (or found not dispatchable)
 * @param handled events whose handlers ran and succeeded now
 * @param duplicate events already handled before, as deliveries or by an earlier backfill: nothing ran
 * @param failed events not handled; each is in {@code failures}
 * @param failures the failed events, in the order processed
 * @param position where the next run should start: just after the last event processed before the first failure,
 *     so that a run from there retries the failed events (those after them come back as duplicates); the start
 *     position if nothing succeeded
 * @param error what stopped the run before the end of the window (the API failed past its retries); null when it
 *     went to the end
 */
public record BackfillResult(int seen, int handled, int duplicate, int failed, List<BackfillFailure> failures,
                             EventPosition position, ProviderApiException error) {

    /** Copies the failures. */
    public BackfillResult {
        failures = List.copyOf(failures);
    }

    /** Whether the run went to the end of its window and every event was handled now or before. */
    public boolean isComplete() {
        return error == null && failed == 0;
    }

    /**
     * What stopped the run early.
     *
     * @return the API's failure, or empty when the run went to the end of its window
     */
    public Optional<ProviderApiException> stoppedBy() {
        return Optional.ofNullable(error);
    }

    /** The counts, the position and, if it stopped early, why; never an event's data. */
    @Override
    public String toString() {
        return "BackfillResult[seen=" + seen + ", handled=" + handled + ", duplicate=" + duplicate + ", failed="
                + failed + ", position=" + position + (error == null ? "" : ", stoppedBy=" + error.getMessage())
                + "]";
    }
}
