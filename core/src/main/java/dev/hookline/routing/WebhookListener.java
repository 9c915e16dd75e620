package dev.hookline.routing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a handler for one or more event types.
 *
 * <pre>{@code
 * @WebhookListener("webset.item.created")
 * void onItem(WebsetItem item) { ... }
 *
 * @WebhookListener({"webset.search.*", "import.completed"})
 * void onSearchOrImport(WebhookEvent event, JsonNode data) { ... }
 * }</pre>
 *
 * <p>Each parameter's type says what it receives: {@code WebhookEvent} the whole event,
 * {@code JsonNode} the data as a JSON tree, any other type the data bound to that type (at most one such
 * parameter). Where a listened name is in the provider's catalogue, the bound type must accept the
 * catalogue's type. The method must return {@code void}. Methods are inspected once, at registration; a
 * method that breaks these rules fails registration with an {@link IllegalArgumentException} naming it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WebhookListener {

    /**
     * Event type names ({@code webset.item.created}), prefix patterns ({@code webset.*}: every type that
     * starts with {@code webset.}) or {@code *} for every event.
     *
     * @return the names or patterns; at least one
     */
    String[] value();

    /**
     * The endpoint this method listens to, by name; empty (the default) for every endpoint it is
     * registered with.
     *
     * @return the endpoint name, or empty
     */
    String endpoint() default "";
}
