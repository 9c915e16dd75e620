package dev.hookline.routing;

import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventJson;
import dev.hookline.event.EventType;
import dev.hookline.event.MalformedPayloadException;
import dev.hookline.event.WebhookEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.type.TypeFactory;

/**
 * Sends each event to the handlers registered for it: those for its exact type first, then those for its base
 * type (GitHub's {@code pull_request} for {@code pull_request.opened}), then prefix patterns ({@code webset.*}),
 * then catch-all handlers, each group in registration order.
 *
 * <p>Before any handler runs, the data is bound once for every typed handler that matched, so a payload
 * that does not fit its documented shape fails as malformed without running half the handlers. The
 * first handler that throws stops the dispatch. An event with no handler is not an error.
 *
 * <p>Built once by {@link #builder(EventCatalog)}; immutable and thread-safe afterwards.
 */
public final class Router {

    private final Map<String, List<Route>> exact;
    private final List<Route> prefixed;
    private final List<Route> catchAll;
    /**
     * For an exact name, its handler when that is the only one its name can reach (no other handler for the name,
     * no pattern matching it): such an event is dispatched without collecting its handlers into a list.
     */
    private final Map<String, Route> soleRoutes;

    private Router(List<Route> routes) {
        Map<String, List<Route>> byType = new HashMap<>();
        List<Route> byPrefix = new ArrayList<>();
        List<Route> any = new ArrayList<>();
        for (Route route : routes) {
            if (route.pattern().isExact()) {
                byType.computeIfAbsent(route.pattern().text(), t -> new ArrayList<>()).add(route);
            } else if (route.pattern().isCatchAll()) {
                any.add(route);
            } else {
                byPrefix.add(route);
            }
        }
        byType.replaceAll((type, list) -> List.copyOf(list));
        this.exact = Map.copyOf(byType);
        this.prefixed = List.copyOf(byPrefix);
        this.catchAll = List.copyOf(any);
        Map<String, Route> sole = new HashMap<>();
        exact.forEach((type, list) -> {
            if (list.size() == 1 && catchAll.isEmpty()
                    && prefixed.stream().noneMatch(route -> route.pattern().matches(type))) {
                sole.put(type, list.get(0));
            }
        });
        this.soleRoutes = Map.copyOf(sole);
    }

    /**
     * A builder for handlers of a provider whose documented types are {@code catalog}.
     *
     * @param catalog the provider's event types, used to check names and annotated methods' parameter types
     * @return the builder
     */
    public static Builder builder(EventCatalog catalog) {
        return new Builder(catalog, EventJson.mapper().getTypeFactory());
    }

    /**
     * Runs every handler that applies to the event.
     *
     * @param event the verified event
     * @return how many handlers ran
     * @throws MalformedPayloadException if the data does not bind to a matched handler's type (no handler ran)
     * @throws Exception what the first failing handler threw
     */
    public int dispatch(WebhookEvent event) throws Exception {
        String baseType = event.baseType();
        Route sole = baseType == null || !exact.containsKey(baseType) ? soleRoutes.get(event.type()) : null;
        if (sole != null) {
            if (!sole.applies().test(event)) {
                return 0;
            }
            bind(sole, event);
            sole.invoker().invoke(event);
            return 1;
        }
        List<Route> matched = matching(event);
        for (int i = 0; i < matched.size(); i++) {
            bind(matched.get(i), event);
        }
        for (int i = 0; i < matched.size(); i++) {
            matched.get(i).invoker().invoke(event);
        }
        return matched.size();
    }

    private static void bind(Route route, WebhookEvent event) {
        JavaType bound = route.boundType();
        if (bound != null) {
            event.dataAs(bound);
        }
    }

    /**
     * The type that a typed handler of an event type binds its data to: that of the first handler registered for
     * the exact name, else for a pattern the name matches. An envelope may bind the data to it while it reads the
     * body ({@link dev.hookline.event.EnvelopeFormat#read(dev.hookline.delivery.Headers, byte[],
     * tools.jackson.databind.ObjectMapper, java.util.function.Function)}), sparing a second pass over the data.
     *
     * @param eventType the event type's name
     * @return the data type, or null when no typed handler could match
     */
    public JavaType dataTypeFor(String eventType) {
        for (Route route : exact.getOrDefault(eventType, List.of())) {
            if (route.boundType() != null) {
                return route.boundType();
            }
        }
        for (Route route : prefixed) {
            if (route.boundType() != null && route.pattern().matches(eventType)) {
                return route.boundType();
            }
        }
        for (Route route : catchAll) {
            if (route.boundType() != null) {
                return route.boundType();
            }
        }
        return null;
    }

    private List<Route> matching(WebhookEvent event) {
        String type = event.type();
        List<Route> exactRoutes = exact.getOrDefault(type, List.of());
        List<Route> matched = new ArrayList<>(exactRoutes.size() + catchAll.size() + 1);
        addApplicable(matched, exactRoutes, event);
        if (event.baseType() != null) {
            addApplicable(matched, exact.getOrDefault(event.baseType(), List.of()), event);
        }
        for (int i = 0; i < prefixed.size(); i++) {
            Route route = prefixed.get(i);
            if (route.pattern().matches(type) && route.applies().test(event)) {
                matched.add(route);
            }
        }
        addApplicable(matched, catchAll, event);
        return matched;
    }

    private static void addApplicable(List<Route> into, List<Route> routes, WebhookEvent event) {
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            if (route.applies().test(event)) {
                into.add(route);
            }
        }
    }

    /** How many handler registrations the router holds (a method listening to two names counts twice). */
    public int size() {
        return exact.values().stream().mapToInt(List::size).sum() + prefixed.size() + catchAll.size();
    }

    /** Collects handlers; not thread-safe. */
    public static final class Builder {
        private final EventCatalog catalog;
        private final TypeFactory types;
        private final List<Route> routes = new ArrayList<>();
        private final List<Object> listeners = new ArrayList<>();
        private final List<String> listenerEndpoints = new ArrayList<>();
        private boolean allowUndocumented;

        private Builder(EventCatalog catalog, TypeFactory types) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            this.types = types;
        }

        /**
         * Accepts event type names the provider's closed catalogue does not document, for every handler of this
         * router: for types newer than Hookline's catalogue. Without it, such a name fails registration with the
         * closest documented names, as it is most likely a typo.
         *
         * @return this builder
         */
        public Builder allowUndocumentedTypes() {
            this.allowUndocumented = true;
            return this;
        }

        /**
         * Handles events of a typed key with their data bound to the key's type.
         *
         * @param type the key, such as {@code ExaEvents.WEBSET_ITEM_CREATED}
         * @param handler receives the bound data
         * @param <T> the data type
         * @return this builder
         */
        public <T> Builder on(EventType<T> type, EventHandler<? super T> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            Class<T> dataType = type.dataType();
            JavaType bound = dataType == JsonNode.class ? null : types.constructType(dataType);
            routes.add(new Route(TypePattern.parse(type.name()), bound, type::appliesTo,
                    event -> handler.handle(event.dataAs(dataType)), "handler for " + type.name()));
            return this;
        }

        /**
         * Handles events whose type matches a name ({@code webset.created}), a prefix pattern
         * ({@code webset.*}) or {@code *}.
         *
         * @param typeOrPattern the name or pattern
         * @param handler receives the whole event
         * @return this builder
         */
        public Builder on(String typeOrPattern, EventHandler<? super WebhookEvent> handler) {
            Objects.requireNonNull(handler, "handler");
            TypePattern pattern = TypePattern.parse(typeOrPattern);
            if (!allowUndocumented) {
                Catalogs.requireDocumented(catalog, pattern);
            }
            routes.add(new Route(pattern, null, event -> true, handler::handle, "handler for " + pattern.text()));
            return this;
        }

        /**
         * Handles every event, after the more specific handlers.
         *
         * @param handler receives the whole event
         * @return this builder
         */
        public Builder onAny(EventHandler<? super WebhookEvent> handler) {
            return on(TypePattern.ANY, handler);
        }

        /**
         * Registers every {@link WebhookListener} method of {@code listener}.
         *
         * @param listener an object with annotated methods
         * @return this builder
         * @throws IllegalArgumentException if it has none, or one cannot be served (the message names it)
         */
        public Builder listener(Object listener) {
            return listener(listener, null);
        }

        /**
         * Registers the {@link WebhookListener} methods of {@code listener} that apply to the named
         * endpoint: those without an {@code endpoint} and those naming this one.
         *
         * @param listener an object with annotated methods
         * @param endpointName the endpoint being built, or null to take every method
         * @return this builder
         * @throws IllegalArgumentException if it has no annotated method, or one cannot be served
         */
        public Builder listener(Object listener, String endpointName) {
            Objects.requireNonNull(listener, "listener");
            if (ListenerMethods.annotatedMethods(listener.getClass()).isEmpty()) {
                throw new IllegalArgumentException(listener.getClass().getName() + " has no @WebhookListener method");
            }
            // inspected by build(), once every builder setting is known
            listeners.add(listener);
            listenerEndpoints.add(endpointName);
            return this;
        }

        /**
         * The router.
         *
         * @return the router
         * @throws InvalidListenerException if a listener method cannot be served (the message names it)
         */
        public Router build() {
            List<Route> all = new ArrayList<>(routes);
            for (int i = 0; i < listeners.size(); i++) {
                Object listener = listeners.get(i);
                String endpointName = listenerEndpoints.get(i);
                for (ListenerMethods.Found method : ListenerMethods.annotatedMethods(listener.getClass())) {
                    String wanted = method.annotation().endpoint();
                    if (endpointName == null || wanted.isEmpty() || wanted.equals(endpointName)) {
                        try {
                            all.addAll(ListenerMethods.routes(listener, method, catalog, allowUndocumented, types));
                        } catch (IllegalArgumentException e) {
                            throw new InvalidListenerException(listener, e);
                        }
                    }
                }
            }
            return new Router(all);
        }
    }
}
