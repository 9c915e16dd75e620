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
 * <p>Each parameter's type says what it receives: {@code WebhookEvent} the whole event, {@code JsonNode} the
 * data as a JSON tree, {@code Headers} the headers the envelope reads, {@code Receipt} the endpoint, time of receipt
 * and attempt, {@code VerifiedEvent} the event as it can be stored, and any other type the data bound to that type,
 * generics included ({@code List<WebsetItem>} binds a JSON array of items); every bound parameter must ask for the
 * same type. Where a listened name is in the provider's catalogue, the bound type must accept the catalogue's type,
 * and a name or prefix that matches nothing in a provider's closed catalogue (a typo such as
 * {@code webset.item.crated}) is refused with the closest documented names, unless {@link #undocumented()} is set.
 * The method must return {@code void}. Methods are inspected once, at registration; a method that breaks these
 * rules fails registration with an {@link IllegalArgumentException} naming it and the parameter.
 *
 * <p>Built-in catalogues publish their names as constants usable here, such as
 * {@code @WebhookListener(ExaEvents.Names.WEBSET_ITEM_CREATED)}.
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

    /**
     * Whether names the provider's catalogue does not document are accepted, for types newer than Hookline's
     * catalogue. Default false: such a name is most likely a typo.
     *
     * @return true to accept undocumented names
     */
    boolean undocumented() default false;
}
