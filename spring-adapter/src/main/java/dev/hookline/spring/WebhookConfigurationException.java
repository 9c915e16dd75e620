package dev.hookline.spring;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stops the application at start-up because Hookline is configured in a way that cannot work: a property is
 * missing or invalid, or a {@code @WebhookListener} method cannot be served.
 *
 * <p>The {@linkplain #getMessage() message} names the property or the method and says what is wrong;
 * {@link #action()} says what to do. Neither ever contains a secret. Spring Boot prints both as a failure
 * analysis when the application fails to start.
 */
public class WebhookConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * A configuration failure.
     *
     * @param message what is wrong, naming the property or method
     * @param action what to do about it
     */
    public WebhookConfigurationException(String message, String action) {
        this(message, action, null);
    }

    /**
     * A configuration failure found through another exception.
     *
     * @param message what is wrong, naming the property or method
     * @param action what to do about it
     * @param cause the exception that revealed it, or null
     */
    public WebhookConfigurationException(String message, String action, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.action = Objects.requireNonNull(action, "action");
    }

    /**
     * Makes what a property configures, turning the maker's refusal into a failure that names the property.
     *
     * @param property the property's full name
     * @param make makes the value; its exception messages never hold a secret
     * @param action what to do about a refusal
     * @return what was made
     * @throws WebhookConfigurationException when {@code make} throws an {@link IllegalArgumentException} or a
     *     {@link NullPointerException}
     */
    static <T> T checked(String property, Supplier<T> make, String action) {
        try {
            return make.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WebhookConfigurationException(property + " is not valid: " + e.getMessage(), action, e);
        }
    }

    /** What to do to fix the configuration. */
    public String action() {
        return action;
    }
}
