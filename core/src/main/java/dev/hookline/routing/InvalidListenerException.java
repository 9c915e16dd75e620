package dev.hookline.routing;

import java.util.Objects;

/**
 * A listener object has a {@link WebhookListener} method that cannot be served: the message names the method and
 * what is wrong with it, and {@link #listener()} is the object, so that an integration can name where it came
 * from (a bean, say).
 */
public final class InvalidListenerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Object listener;

    /**
     * An exception about one listener.
     *
     * @param listener the listener object
     * @param cause what is wrong, its message naming the method
     */
    public InvalidListenerException(Object listener, IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The listener object whose method cannot be served. */
    public Object listener() {
        return listener;
    }
}
