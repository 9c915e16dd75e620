package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;

/**
 * Adjusts an endpoint's builder after the properties and the {@code @WebhookListener} beans have been applied
 * and before it is built: for what properties do not cover, such as a {@link java.time.Clock}, a JSON mapper,
 * or handlers written as lambdas.
 *
 * <pre>{@code
 * @Bean
 * WebhookEndpointCustomizer auditEverything(AuditLog audit) {
 *     return (name, builder) -> builder.onAny(event -> audit.record(name, event.type(), event.id()));
 * }
 * }</pre>
 *
 * <p>Every bean of this type is applied to every endpoint, in {@link org.springframework.core.annotation.Order}.
 */
@FunctionalInterface
public interface WebhookEndpointCustomizer {

    /**
     * Customizes one endpoint.
     *
     * @param name the endpoint's name, as under {@code hookline.endpoints}
     * @param builder the endpoint's builder
     */
    void customize(String name, WebhookEndpoint.Builder builder);
}
