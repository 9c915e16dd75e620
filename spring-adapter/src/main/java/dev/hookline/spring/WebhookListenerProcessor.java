package dev.hookline.spring;

import dev.hookline.Outcome;
import dev.hookline.OutcomeObserver;
import dev.hookline.WebhookEndpoint;
import dev.hookline.routing.InvalidListenerException;
import dev.hookline.routing.ListenerMethods;
import dev.hookline.routing.WebhookListener;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Finds the beans with {@link WebhookListener} methods once every singleton exists, and builds each endpoint of the
 * {@link WebhookEndpointRegistry} with the listeners that apply to it, its outcome observers (metrics, the
 * {@link WebhookErrorHandler}) and the {@link WebhookEndpointCustomizer}s, then registers it.
 *
 * <p>Each listener bean is inspected once per endpoint it listens to, when that endpoint is built; a method that
 * cannot be served stops the application with a {@link WebhookConfigurationException} naming the bean, the method,
 * the parameter and the endpoint. A method naming an endpoint that is not defined stops it too. Decisions about beans are made
 * as {@code ListenerBeans} explains: on the user class, creating lazy listener beans, refusing other scopes and
 * JDK proxies.
 */
public final class WebhookListenerProcessor implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(WebhookListenerProcessor.class);

    private final WebhookEndpointRegistry registry;
    private final Set<String> switchedOff;
    private final ConfigurableListableBeanFactory beanFactory;
    private final ObjectProvider<OutcomeObserver> outcomeObservers;
    private final ObjectProvider<WebhookErrorHandler> errorHandler;
    private final ObjectProvider<WebhookEndpointCustomizer> customizers;

    /**
     * A processor for the endpoints of {@code registry}.
     *
     * @param registry the endpoints to build
     * @param switchedOff endpoints configured but switched off: listeners naming them are left out, not refused
     * @param beanFactory where listener beans are found
     * @param outcomeObservers told of every outcome of every endpoint
     * @param errorHandler told of every failed delivery
     * @param customizers applied to every endpoint's builder last
     */
    public WebhookListenerProcessor(WebhookEndpointRegistry registry, Set<String> switchedOff,
                                    ConfigurableListableBeanFactory beanFactory,
                                    ObjectProvider<OutcomeObserver> outcomeObservers,
                                    ObjectProvider<WebhookErrorHandler> errorHandler,
                                    ObjectProvider<WebhookEndpointCustomizer> customizers) {
        this.registry = registry;
        this.switchedOff = Set.copyOf(switchedOff);
        this.beanFactory = beanFactory;
        this.outcomeObservers = outcomeObservers;
        this.errorHandler = errorHandler;
        this.customizers = customizers;
    }

    /**
     * Builds and registers every endpoint.
     *
     * @throws WebhookConfigurationException if a listener method cannot be served (naming its bean), names an
     *     endpoint that is not defined, or sits on a bean that cannot be registered once
     */
    @Override
    public void afterSingletonsInstantiated() {
        List<ListenerBeans.Found> listeners = ListenerBeans.find(beanFactory);
        Set<String> defined = registry.definitions().stream().map(EndpointDefinition::name).collect(Collectors.toSet());
        checkEndpointNames(listeners, defined, switchedOff);
        if (defined.isEmpty() && !listeners.isEmpty()) {
            LOG.warn("Beans with @WebhookListener methods were found (" + listeners.get(0).name()
                    + (listeners.size() > 1 ? " and " + (listeners.size() - 1) + " more" : "")
                    + "), but no webhook endpoint is enabled: configure one under hookline.endpoints");
        }
        Map<Object, String> beanNames = new IdentityHashMap<>();
        listeners.forEach(listener -> beanNames.put(listener.bean(), listener.name()));
        for (EndpointDefinition definition : registry.definitions()) {
            WebhookEndpoint endpoint = build(definition, listeners, beanNames);
            registry.register(endpoint);
            LOG.debug("Webhook endpoint " + endpoint + " answers " + definition.path());
        }
    }

    private WebhookEndpoint build(EndpointDefinition definition, List<ListenerBeans.Found> listeners,
                                  Map<Object, String> beanNames) {
        String name = definition.name();
        WebhookEndpoint.Builder builder = definition.builder().get().name(name);
        for (ListenerBeans.Found listener : listeners) {
            if (listener.appliesTo(name)) {
                builder.listener(listener.bean());
            }
        }
        outcomeObservers.orderedStream().forEach(builder::outcomeObserver);
        errorHandler.ifAvailable(handler -> builder.outcomeObserver(new FailureReporter(handler)));
        customizers.orderedStream().forEach(customizer -> customizer.customize(name, builder));
        try {
            return builder.build();
        } catch (InvalidListenerException e) {
            String bean = beanNames.getOrDefault(e.listener(), e.listener().getClass().getName());
            throw new WebhookConfigurationException("A @WebhookListener method of bean '" + bean
                    + "' cannot be registered with endpoint '" + name + "' (" + HooklinePropertiesMapper.prefix(name)
                    + "): " + e.getMessage(), "Give the method parameters of type WebhookEvent, JsonNode or one type "
                    + "its events' data binds to, and return void; if it suits only some endpoints, name one with "
                    + "@WebhookListener(endpoint = \"...\").", e);
        }
    }

    /** Every endpoint a listener method names must be defined: a typo would otherwise silence it. */
    private static void checkEndpointNames(List<ListenerBeans.Found> listeners, Set<String> defined,
                                           Set<String> switchedOff) {
        for (ListenerBeans.Found listener : listeners) {
            for (Method method : listener.methods()) {
                String wanted = method.getAnnotation(WebhookListener.class).endpoint();
                if (!wanted.isEmpty() && !defined.contains(wanted) && !switchedOff.contains(wanted)) {
                    throw new WebhookConfigurationException("@WebhookListener method "
                            + ListenerMethods.describe(method) + " of bean '" + listener.name() + "' names endpoint '"
                            + wanted + "', which is not configured under hookline.endpoints",
                            "Configure " + HooklinePropertiesMapper.prefix(wanted) + " (set its enabled property to "
                                    + "false to switch it off), or correct the endpoint name in the annotation.");
                }
            }
        }
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
}
