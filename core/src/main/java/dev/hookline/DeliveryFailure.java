package dev.hookline;

import dev.hookline.delivery.Reason;
import java.util.Locale;

/** Why a verified, well-formed delivery could not be acknowledged; the sender should retry it. */
public enum DeliveryFailure implements Reason {
    /** A handler threw: the claim on the event id was released so that a retry runs the handlers again. */
    HANDLER_FAILED("A handler failed to process the event."),
    /**
     * The handlers did not finish within the endpoint's time budget: their thread was interrupted and the claim on
     * the event released, so that a retry runs them again.
     */
    HANDLER_TIMED_OUT("The handlers did not finish in time."),
    /** The same event is still being handled by an earlier delivery, and did not finish in time. */
    DELIVERY_IN_PROGRESS("The same event is still being processed; retry later."),
    /** The deduplicator could not record or look up the event. */
    DEDUPLICATION_UNAVAILABLE("Deduplication is unavailable; retry later."),
    /**
     * The deduplicator is full of events it must still remember: rather than forget one that could be replayed,
     * it took nothing in.
     */
    BUSY("The receiver is at capacity; retry later."),
    /** The receiving thread was interrupted, usually because the server is shutting down. */
    INTERRUPTED("The receiver was interrupted; retry later.");

    private final String description;

    DeliveryFailure(String description) {
        this.description = description;
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return description;
    }
}
