package dev.hookline.routing;

import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventType;
import dev.hookline.event.WebhookEvent;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.type.TypeFactory;

/**
 * Finds {@link WebhookListener} methods and turns each into routes, once: one {@link ParameterHandler} per
 * parameter, built from its generic type, a bound method handle, and every mistake an exception that names the
 * method and the parameter.
 */
public final class ListenerMethods {

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

    /**
     * The {@link WebhookListener} methods a listener of this class has, exactly as
     * {@link Router.Builder#listener(Object)} finds them: declared on the class or a superclass, each signature
     * once, an override counting when the method it overrides carries the annotation.
     *
     * @param type the listener's class
     * @return the annotated declarations; empty if there are none
     */
    public static List<Method> find(Class<?> type) {
        return annotatedMethods(type).stream().map(Found::annotated).toList();
    }

    /**
     * A method as Hookline's messages name it, such as {@code com.example.Handlers.onItem(WebsetItem)}.
     *
     * @param method a method
     * @return its description
     */
    public static String describe(Method method) {
        StringBuilder text = new StringBuilder(method.getDeclaringClass().getName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return text.append(')').toString();
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
     * @param catalog the provider's documented types, to check names and the bound parameter against
     * @param allowUndocumented whether names outside a closed catalogue are accepted for every method
     * @param types makes the parameters' generic types
     */
    static List<Route> routes(Object bean, Found found, EventCatalog catalog, boolean allowUndocumented,
                              TypeFactory types) {
        Method method = found.invoked();
        String name = describe(found.annotated());
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
                TypePattern pattern = TypePattern.parse(text);
                if (!allowUndocumented && !annotation.undocumented()) {
                    Catalogs.requireDocumented(catalog, pattern);
                }
                patterns.add(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }

        Parameter[] parameters = found.annotated().getParameters();
        java.lang.reflect.Type[] generic = method.getGenericParameterTypes();
        ParameterHandler[] handlers = new ParameterHandler[parameters.length];
        JavaType boundType = null;
        for (int i = 0; i < parameters.length; i++) {
            String which = "parameter " + (i + 1) + " (" + parameters[i].getName() + ")";
            try {
                handlers[i] = ParameterHandler.of(parameters[i], types.constructType(generic[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + which + " of " + e.getMessage(), e);
            }
            JavaType bound = handlers[i].boundType();
            if (bound != null) {
                if (boundType != null && !boundType.equals(bound)) {
                    throw new IllegalArgumentException(name + ": " + which + " would receive the data bound to "
                            + bound.toCanonical() + ", but another parameter already receives it bound to "
                            + boundType.toCanonical() + "; only one type can be bound");
                }
                boundType = bound;
            }
        }
        if (boundType != null) {
            checkAgainstCatalog(name, patterns, boundType.getRawClass(), catalog);
        }

        Route.Invoker invoker = invoker(bean, method, name, handlers);
        Predicate<WebhookEvent> applies = boundType == null
                ? event -> true
                : event -> catalog.find(event.type()).map(type -> type.appliesTo(event)).orElse(true);
        List<Route> routes = new ArrayList<>(patterns.size());
        for (TypePattern pattern : patterns) {
            routes.add(new Route(pattern, boundType, applies, invoker, name));
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

    private static Route.Invoker invoker(Object bean, Method method, String name, ParameterHandler[] handlers) {
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
        MethodHandle spread = handle.asSpreader(Object[].class, handlers.length)
                .asType(MethodType.methodType(void.class, Object[].class));
        return event -> {
            Object[] arguments = new Object[handlers.length];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = handlers[i].resolve(event);
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
