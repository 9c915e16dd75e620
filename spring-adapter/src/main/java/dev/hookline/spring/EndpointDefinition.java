package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.WebhookServletOptions;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One webhook endpoint as the application declares it, before its listeners are attached: its name, the exact
 * path it answers, how to make its builder, and how its requests are read. {@link HooklinePropertiesMapper} makes
 * one per entry under {@code hookline.endpoints}; an application adds endpoints in code by declaring beans of this
 * type (or by replacing the {@link WebhookEndpointRegistry}).
 *
 * <pre>{@code
 * @Bean
 * EndpointDefinition githubEndpoint(Provider github, @Value("${GITHUB_WEBHOOK_SECRET}") String secret) {
 *     return new EndpointDefinition("github", "/webhooks/github",
 *             () -> WebhookEndpoint.builder(github).secret(secret), WebhookServletOptions.defaults());
 * }
 * }</pre>
 *
 * @param name the endpoint's name, in outcomes, metrics, deduplication keys and {@code @WebhookListener(endpoint)}
 * @param path the exact path within the context path, such as {@code /webhooks/exa}
 * @param builder makes a builder with everything but the name, listeners, observers and customizers; called once
 * @param options how the servlet adapter reads its requests (body limit, read deadline, Retry-After)
 */
public record EndpointDefinition(String name, String path, Supplier<WebhookEndpoint.Builder> builder,
                                 WebhookServletOptions options) {

    /** Checks that every part is present and the path starts with a slash. */
    public EndpointDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An endpoint definition needs a name");
        }
        if (path == null || !path.startsWith("/") || path.length() == 1) {
            throw new IllegalArgumentException("Endpoint '" + name + "' needs an exact path starting with '/'");
        }
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(options, "options");
    }

    /** Names the endpoint and its path; never a secret. */
    @Override
    public String toString() {
        return "EndpointDefinition[" + name + ", path=" + path + "]";
    }
}
