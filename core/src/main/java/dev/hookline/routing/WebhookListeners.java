package dev.hookline.routing;

import java.lang.reflect.Method;
import java.util.List;

/**
 * How Hookline finds and names {@link WebhookListener} methods, for integrations (such as the Spring Boot
 * starter) that decide which objects to register before registering them.
 */
public final class WebhookListeners {

    private WebhookListeners() {
    }

    /**
     * The {@link WebhookListener} methods a listener of this class has, exactly as
     * {@link Router.Builder#listener(Object)} finds them: declared on the class or a superclass, each signature
     * once, an override counting when the method it overrides carries the annotation.
     *
     * @param type the listener's class
     * @return the annotated declarations; empty if there are none
     */
    public static List<Method> methods(Class<?> type) {
        return ListenerMethods.annotatedMethods(type).stream().map(ListenerMethods.Found::annotated).toList();
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
}
