package dev.hookline.routing;

/**
 * Handles one event's data (a typed record, or the whole {@code WebhookEvent}). Throwing makes the
 * delivery fail, so that the sender retries it; handlers should therefore be idempotent.
 *
 * @param <T> what the handler receives
 */
@FunctionalInterface
public interface EventHandler<T> {

    /**
     * Handles one event.
     *
     * @param value the event or its bound data
     * @throws Exception to fail the delivery; the claim on the event is released and a retry runs it again
     */
    void handle(T value) throws Exception;
}
