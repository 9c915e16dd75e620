package dev.hookline.spring;

import dev.hookline.Outcome;
import dev.hookline.OutcomeObserver;
import dev.hookline.WebhookEndpoint;
import dev.hookline.routing.ListenerMethods;
import dev.hookline.routing.Router;
import dev.hookline.routing.WebhookListener;
import dev.hookline.servlet.RefusalObserver;
import dev.hookline.servlet.RequestFailure;
import dev.hookline.servlet.WebhookFilter;
import dev.hookline.servlet.WebhookServletOptions;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The application's webhook endpoints, one per enabled entry under {@code hookline.endpoints}, each with the
 * {@link WebhookListener} methods of the application's beans that apply to it.
 *
 * <p>Created with the web server: the properties are checked then, and the providers and deduplicators they
 * name are resolved. The endpoints themselves are built once every singleton exists
 * ({@link #afterSingletonsInstantiated()}), when the listener beans are found; the web server takes no request
 * before that. Each endpoint also gets every {@link OutcomeObserver} bean (metrics, auditing), the
 * {@link WebhookErrorHandler} for its failures, every {@link RefusalObserver} bean, and finally every
 * {@link WebhookEndpointCustomizer} bean.
 *
 * <p>Use it to reach an endpoint directly, for instance to hand it deliveries taken from a queue:
 * {@code endpoints.get("exa").receive(delivery)}. Thread-safe once built.
 */
public final class WebhookEndpoints implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(WebhookEndpoints.class);

    private final Set<String> configured;
    private final Map<String, EndpointDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, EndpointFilter> filters = new LinkedHashMap<>();
    private final ConfigurableListableBeanFactory beanFactory;
    private final ObjectProvider<OutcomeObserver> outcomeObservers;
    private final ObjectProvider<RefusalObserver> refusalObservers;
    private final ObjectProvider<WebhookErrorHandler> errorHandler;
    private final ObjectProvider<WebhookEndpointCustomizer> customizers;
    private volatile Map<String, WebhookEndpoint> endpoints;

    WebhookEndpoints(HooklineProperties properties, ConfigurableListableBeanFactory beanFactory,
                     ObjectProvider<OutcomeObserver> outcomeObservers, ObjectProvider<RefusalObserver> refusalObservers,
                     ObjectProvider<WebhookErrorHandler> errorHandler,
                     ObjectProvider<WebhookEndpointCustomizer> customizers) {
        this.configured = Set.copyOf(properties.getEndpoints().keySet());
        for (EndpointDefinition definition : EndpointDefinitions.resolve(properties, beanFactory)) {
            definitions.put(definition.name(), definition);
            filters.put(definition.name(), new EndpointFilter(definition.name()));
        }
        this.beanFactory = beanFactory;
        this.outcomeObservers = outcomeObservers;
        this.refusalObservers = refusalObservers;
        this.errorHandler = errorHandler;
        this.customizers = customizers;
    }

    /**
     * Finds the {@code @WebhookListener} beans and builds every endpoint with those that apply to it.
     *
     * @throws WebhookConfigurationException if a listener method cannot be served, names an endpoint that is not
     *     configured, or sits on a bean that cannot be registered once
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (endpoints != null) {
            return;
        }
        List<ListenerBeans.Found> listeners = ListenerBeans.find(beanFactory);
        checkEndpointNames(listeners);
        if (definitions.isEmpty() && !listeners.isEmpty()) {
            LOG.warn("Beans with @WebhookListener methods were found (" + listeners.get(0).name()
                    + (listeners.size() > 1 ? " and " + (listeners.size() - 1) + " more" : "")
                    + "), but no webhook endpoint is enabled: configure one under hookline.endpoints");
        }
        List<RefusalObserver> refusals = refusalObservers.orderedStream().toList();
        Map<String, WebhookEndpoint> built = new LinkedHashMap<>();
        for (EndpointDefinition definition : definitions.values()) {
            WebhookEndpoint endpoint = build(definition, listeners);
            built.put(definition.name(), endpoint);
            WebhookServletOptions.Builder options = definition.servletOptions();
            if (!refusals.isEmpty()) {
                options.refusalObserver(new Refusals(refusals));
            }
            filters.get(definition.name()).install(new WebhookFilter(endpoint, options.build()));
            LOG.debug("Webhook endpoint " + endpoint + " answers " + definition.path());
        }
        endpoints = Map.copyOf(built);
    }

    private WebhookEndpoint build(EndpointDefinition definition, List<ListenerBeans.Found> listeners) {
        String name = definition.name();
        WebhookEndpoint.Builder builder = definition.builder();
        for (ListenerBeans.Found listener : listeners) {
            if (!listener.appliesTo(name)) {
                continue;
            }
            try {
                // inspected on its own first, so that a mistake names the bean as well as the method
                Router.builder(definition.provider().catalog()).listener(listener.bean(), name).build();
            } catch (IllegalArgumentException e) {
                throw new WebhookConfigurationException("A @WebhookListener method of bean '" + listener.name()
                        + "' cannot be registered with endpoint '" + name + "' (" + EndpointDefinitions.prefix(name)
                        + "): " + e.getMessage(), "Give the method parameters of type WebhookEvent, JsonNode or one "
                        + "type its events' data binds to, and return void; if it suits only some endpoints, name one "
                        + "with @WebhookListener(endpoint = \"...\").", e);
            }
            builder.listener(listener.bean());
        }
        outcomeObservers.orderedStream().forEach(builder::outcomeObserver);
        errorHandler.ifAvailable(handler -> builder.outcomeObserver(new FailureReporter(handler)));
        customizers.orderedStream().forEach(customizer -> customizer.customize(name, builder));
        return builder.build();
    }

    /** Every endpoint a listener method names must be configured: a typo would otherwise silence it. */
    private void checkEndpointNames(List<ListenerBeans.Found> listeners) {
        for (ListenerBeans.Found listener : listeners) {
            for (Method method : listener.methods()) {
                String wanted = method.getAnnotation(WebhookListener.class).endpoint();
                if (!wanted.isEmpty() && !configured.contains(wanted)) {
                    throw new WebhookConfigurationException("@WebhookListener method "
                            + ListenerMethods.describe(method) + " of bean '" + listener.name() + "' names endpoint '"
                            + wanted + "', which is not configured under hookline.endpoints",
                            "Configure " + EndpointDefinitions.prefix(wanted) + " (set its enabled property to false "
                                    + "to switch it off), or correct the endpoint name in the annotation.");
                }
            }
        }
    }

    /** The names of the enabled endpoints, in the order they are configured. */
    public Set<String> names() {
        return Collections.unmodifiableSet(definitions.keySet());
    }

    /**
     * The exact path an endpoint answers, within the context path.
     *
     * @param name the endpoint's name
     * @return its path
     * @throws IllegalArgumentException if no enabled endpoint has that name
     */
    public String path(String name) {
        return definition(name).path();
    }

    /**
     * An endpoint, built with its listeners.
     *
     * @param name the endpoint's name
     * @return the endpoint
     * @throws IllegalArgumentException if no enabled endpoint has that name
     * @throws IllegalStateException if called before every singleton exists
     */
    public WebhookEndpoint get(String name) {
        definition(name);
        Map<String, WebhookEndpoint> built = endpoints;
        if (built == null) {
            throw new IllegalStateException("Webhook endpoints are built once every singleton bean exists; '"
                    + name + "' is not built yet");
        }
        return built.get(name);
    }

    /** The filter registered for an endpoint's path. */
    EndpointFilter filter(String name) {
        definition(name);
        return filters.get(name);
    }

    private EndpointDefinition definition(String name) {
        EndpointDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("No webhook endpoint named '" + name + "' is enabled; enabled: "
                    + definitions.keySet());
        }
        return definition;
    }

    @Override
    public String toString() {
        return "WebhookEndpoints" + definitions.keySet();
    }

    /** Hands failed outcomes to the error handler. */
    private record FailureReporter(WebhookErrorHandler handler) implements OutcomeObserver {
        @Override
        public void onOutcome(Outcome outcome) {
            if (outcome.status() == Outcome.Status.FAILED) {
                handler.handleFailure(outcome);
            }
        }
    }

    /** Tells every refusal observer bean, each failure isolated from the others. */
    private record Refusals(List<RefusalObserver> observers) implements RefusalObserver {
        @Override
        public void onRefusal(String endpoint, RequestFailure failure) {
            for (RefusalObserver observer : observers) {
                try {
                    observer.onRefusal(endpoint, failure);
                } catch (RuntimeException e) {
                    LOG.warn("Refusal observer " + observer.getClass().getName() + " failed on endpoint " + endpoint, e);
                }
            }
        }
    }
}
