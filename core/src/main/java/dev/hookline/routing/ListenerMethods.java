package dev.hookline.routing;

import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventType;
import dev.hookline.event.WebhookEvent;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Turns {@link WebhookListener} methods into routes, once: each parameter gets a resolver, the method a
 * bound method handle, and every mistake an exception that names the method.
 */
final class ListenerMethods {

    private ListenerMethods() {
    }

    /**
     * A listener method: the declaration carrying the annotation, and the most specific override to
     * call (a subclass or proxy may override an annotated method without repeating the annotation).
     */
    record Found(Method annotated, Method invoked) {
        WebhookListener annotation() {
            return annotated.getAnnotation(WebhookListener.class);
        }
    }

    /** The annotated methods of {@code type} and its superclasses, each signature once. */
    static List<Found> annotatedMethods(Class<?> type) {
        Map<String, Method> mostSpecific = new LinkedHashMap<>();
        Map<String, Method> annotated = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isBridge() || method.isSynthetic()) {
                    continue;
                }
                String signature = method.getName() + Arrays.toString(method.getParameterTypes());
                mostSpecific.putIfAbsent(signature, method);
                if (method.isAnnotationPresent(WebhookListener.class)) {
                    annotated.putIfAbsent(signature, method);
                }
            }
        }
        List<Found> found = new ArrayList<>(annotated.size());
        annotated.forEach((signature, method) -> found.add(new Found(method, mostSpecific.get(signature))));
        return found;
    }

    /**
     * The routes of one annotated method.
     *
     * @param bean the instance to call it on (ignored for static methods)
     * @param found the annotated method
     * @param catalog the provider's documented types, to check the bound parameter against
     */
    static List<Route> routes(Object bean, Found found, EventCatalog catalog) {
        Method method = found.invoked();
        String name = WebhookListeners.describe(found.annotated());
        WebhookListener annotation = found.annotation();
        if (annotation.value().length == 0) {
            throw new IllegalArgumentException(name + ": @WebhookListener names no event type");
        }
        if (method.getReturnType() != void.class) {
            throw new IllegalArgumentException(name + ": a @WebhookListener method must return void");
        }
        List<TypePattern> patterns = new ArrayList<>();
        for (String text : annotation.value()) {
            try {
                patterns.add(TypePattern.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }

        Class<?>[] parameterTypes = method.getParameterTypes();
        List<Function<WebhookEvent, Object>> resolvers = new ArrayList<>(parameterTypes.length);
        Class<?> boundType = null;
        for (Class<?> parameterType : parameterTypes) {
            if (parameterType == WebhookEvent.class) {
                resolvers.add(event -> event);
            } else if (parameterType == JsonNode.class) {
                resolvers.add(WebhookEvent::data);
            } else if (parameterType.isPrimitive() || parameterType.isArray()) {
                throw new IllegalArgumentException(name + ": parameter type " + parameterType.getSimpleName()
                        + " cannot receive an event; use WebhookEvent, JsonNode or a record");
            } else if (boundType != null) {
                throw new IllegalArgumentException(name + ": only one parameter can receive the bound data, but "
                        + boundType.getSimpleName() + " and " + parameterType.getSimpleName() + " both would");
            } else {
                boundType = parameterType;
                Class<?> type = parameterType;
                resolvers.add(event -> event.dataAs(type));
            }
        }
        if (boundType != null) {
            checkAgainstCatalog(name, patterns, boundType, catalog);
        }

        Route.Invoker invoker = invoker(bean, method, name, resolvers);
        Class<?> routeBoundType = boundType;
        java.util.function.Predicate<WebhookEvent> applies = boundType == null
                ? event -> true
                : event -> catalog.find(event.type()).map(type -> type.appliesTo(event)).orElse(true);
        List<Route> routes = new ArrayList<>(patterns.size());
        for (TypePattern pattern : patterns) {
            routes.add(new Route(pattern, routeBoundType, applies, invoker, name));
        }
        return routes;
    }

    /** Every documented type the method listens to must bind to its parameter's type. */
    private static void checkAgainstCatalog(String name, List<TypePattern> patterns, Class<?> boundType,
                                            EventCatalog catalog) {
        for (TypePattern pattern : patterns) {
            for (EventType<?> type : catalog.types()) {
                if (pattern.matches(type.name()) && type.dataType() != JsonNode.class
                        && !boundType.isAssignableFrom(type.dataType())) {
                    throw new IllegalArgumentException(name + ": listens to '" + pattern.text() + "', which includes "
                            + type.name() + " whose data is " + type.dataType().getSimpleName()
                            + ", not " + boundType.getSimpleName());
                }
            }
        }
    }

    private static Route.Invoker invoker(Object bean, Method method, String name,
                                         List<Function<WebhookEvent, Object>> resolvers) {
        MethodHandle handle;
        try {
            method.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException(name + ": cannot be called: " + e.getMessage(), e);
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            if (bean == null || !method.getDeclaringClass().isInstance(bean)) {
                throw new IllegalArgumentException(name + ": needs an instance of " + method.getDeclaringClass().getName());
            }
            handle = handle.bindTo(bean);
        }
        MethodHandle spread = handle.asSpreader(Object[].class, resolvers.size())
                .asType(MethodType.methodType(void.class, Object[].class));
        @SuppressWarnings("unchecked")
        Function<WebhookEvent, Object>[] argumentResolvers = resolvers.toArray(new Function[0]);
        return event -> {
            Object[] arguments = new Object[argumentResolvers.length];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = argumentResolvers[i].apply(event);
            }
            try {
                spread.invokeExact(arguments);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new Exception(name + " threw " + t.getClass().getName(), t);
            }
        };
    }
}
