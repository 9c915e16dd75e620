package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link WebhookEndpointRegistry} of a fixed list of definitions, holding the built endpoints in memory.
 *
 * <p>Thread-safe.
 */
public final class InMemoryWebhookEndpointRegistry implements WebhookEndpointRegistry {

    private final List<EndpointDefinition> definitions;
    private final Map<String, EndpointDefinition> byName = new HashMap<>();
    private final Map<String, WebhookEndpoint> endpoints = new ConcurrentHashMap<>();

    /**
     * A registry of the given definitions.
     *
     * @param definitions the endpoints, with distinct names and paths
     * @throws WebhookConfigurationException if two share a name or a path
     */
    public InMemoryWebhookEndpointRegistry(List<EndpointDefinition> definitions) {
        Map<String, String> byPath = new HashMap<>();
        for (EndpointDefinition definition : definitions) {
            if (byName.putIfAbsent(definition.name(), definition) != null) {
                throw new WebhookConfigurationException("Two webhook endpoints are named '" + definition.name() + "'",
                        "Give each endpoint, under hookline.endpoints or as an EndpointDefinition bean, a name of its own.");
            }
            String other = byPath.putIfAbsent(definition.path(), definition.name());
            if (other != null) {
                throw new WebhookConfigurationException("Webhook endpoints '" + other + "' and '" + definition.name()
                        + "' both answer '" + definition.path() + "'", "Give each endpoint a path of its own.");
            }
        }
        this.definitions = List.copyOf(new ArrayList<>(definitions));
    }

    @Override
    public List<EndpointDefinition> definitions() {
        return definitions;
    }

    @Override
    public EndpointDefinition definition(String name) {
        EndpointDefinition definition = byName.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("No webhook endpoint named '" + name + "'; defined: " + byName.keySet());
        }
        return definition;
    }

    @Override
    public void register(WebhookEndpoint endpoint) {
        definition(endpoint.name());
        endpoints.put(endpoint.name(), endpoint);
    }

    @Override
    public WebhookEndpoint endpoint(String name) {
        definition(name);
        return endpoints.get(name);
    }

    @Override
    public String toString() {
        return "InMemoryWebhookEndpointRegistry" + definitions.stream().map(EndpointDefinition::name).toList();
    }
}
