package dev.hookline;

/**
 * Told of every delivery's outcome, after it is decided: the hook for metrics, logging and tracing.
 * Called on the receiving thread; keep it quick. An exception it throws is reported to
 * {@link System.Logger} and does not change the outcome.
 */
@FunctionalInterface
public interface OutcomeObserver {

    /**
     * Observes one outcome.
     *
     * @param outcome what became of the delivery
     */
    void onOutcome(Outcome outcome);
}
