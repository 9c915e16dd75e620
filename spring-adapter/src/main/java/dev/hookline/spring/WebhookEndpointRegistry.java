package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import java.util.List;

/**
 * The application's webhook endpoints: their definitions, known when the application starts, and the endpoints
 * themselves, built once every singleton exists and the {@code @WebhookListener} beans have been found
 * ({@link WebhookListenerProcessor}). The webhook filter answers each path from here, and an application reaches
 * an endpoint here to call it directly, for instance to dispatch events it stored:
 * {@code registry.endpoint("exa").dispatch(event, attempt)}.
 *
 * <p>The auto-configured {@link InMemoryWebhookEndpointRegistry} holds the endpoints of {@code hookline.endpoints}
 * and of every {@link EndpointDefinition} bean; declare a bean of this type to replace it. Implementations must be
 * thread-safe.
 */
public interface WebhookEndpointRegistry {

    /**
     * Every endpoint's definition, in a stable order, with distinct names and paths.
     *
     * @return the definitions
     */
    List<EndpointDefinition> definitions();

    /**
     * One endpoint's definition.
     *
     * @param name the endpoint's name
     * @return its definition
     * @throws IllegalArgumentException if there is none of that name
     */
    default EndpointDefinition definition(String name) {
        for (EndpointDefinition definition : definitions()) {
            if (definition.name().equals(name)) {
                return definition;
            }
        }
        throw new IllegalArgumentException("No webhook endpoint named '" + name + "'; defined: "
                + definitions().stream().map(EndpointDefinition::name).toList());
    }

    /**
     * Holds an endpoint once it is built.
     *
     * @param endpoint an endpoint built from one of the definitions, named as it is
     * @throws IllegalArgumentException if no definition has its name
     */
    void register(WebhookEndpoint endpoint);

    /**
     * A built endpoint.
     *
     * @param name the endpoint's name
     * @return the endpoint, or {@code null} if it is defined but not built yet
     * @throws IllegalArgumentException if no definition has that name
     */
    WebhookEndpoint endpoint(String name);
}
