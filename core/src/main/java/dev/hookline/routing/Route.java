package dev.hookline.routing;

import dev.hookline.event.WebhookEvent;
import java.util.function.Predicate;
import tools.jackson.databind.JavaType;

/**
 * One registered handler: what it listens to, what data type it needs bound, and how to call it.
 *
 * @param pattern the type name or pattern it listens to
 * @param boundType the type {@code data} must bind to before it runs, or null if it needs none
 * @param applies whether it applies to an event its pattern matched (false for data of another shape)
 * @param invoker calls the handler
 * @param description names the handler in messages
 */
record Route(TypePattern pattern, JavaType boundType, Predicate<WebhookEvent> applies, Invoker invoker,
             String description) {

    /** Calls a prepared handler with an event. */
    @FunctionalInterface
    interface Invoker {
        void invoke(WebhookEvent event) throws Exception;
    }
}
