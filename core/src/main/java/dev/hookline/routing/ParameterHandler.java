package dev.hookline.routing;

import dev.hookline.delivery.Headers;
import dev.hookline.event.Receipt;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.event.WebhookEvent;
import java.lang.reflect.Parameter;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * What one parameter of a listener method receives, decided once from its declared type when the method is
 * registered: at dispatch only {@link #resolve} runs.
 */
@FunctionalInterface
interface ParameterHandler {

    /** The argument for this parameter. */
    Object resolve(WebhookEvent event);

    /** The type {@code data} binds to for this parameter, or null if it needs no binding. */
    default JavaType boundType() {
        return null;
    }

    /**
     * The handler of one parameter.
     *
     * @param parameter the parameter
     * @param type its declared type, generics resolved
     * @return the handler
     * @throws IllegalArgumentException if no event part fits the type (the caller names the method)
     */
    static ParameterHandler of(Parameter parameter, JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == WebhookEvent.class) {
            return event -> event;
        }
        if (raw == JsonNode.class) {
            return WebhookEvent::data;
        }
        if (raw == Headers.class) {
            return WebhookEvent::headers;
        }
        if (raw == Receipt.class) {
            return WebhookEvent::receipt;
        }
        if (raw == VerifiedEvent.class) {
            return WebhookEvent::verified;
        }
        if (raw.isPrimitive() || raw == Object.class) {
            throw new IllegalArgumentException("type " + type.toCanonical() + " cannot receive an event; use WebhookEvent, "
                    + "JsonNode, Headers, Receipt or a type the data binds to");
        }
        return new Bound(type);
    }

    /** Binds {@code data} to the parameter's type, once per event however many handlers ask. */
    record Bound(JavaType boundType) implements ParameterHandler {
        @Override
        public Object resolve(WebhookEvent event) {
            return event.dataAs(boundType);
        }
    }
}
