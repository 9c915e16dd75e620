package dev.hookline.spring;

import dev.hookline.Provider;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.servlet.WebhookServletOptions;
import java.util.List;

/**
 * One enabled endpoint's checked settings: everything it needs but its listeners.
 *
 * @param name the endpoint's name
 * @param path the exact path it answers
 * @param provider who sends to it
 * @param secrets the accepted secrets, checked against the provider's scheme
 * @param properties the rest of its properties, already checked
 * @param maxBodySize the body limit in bytes
 * @param deduplicator where handled event ids are remembered
 */
record EndpointDefinition(String name, String path, Provider provider, List<String> secrets,
                          HooklineProperties.Endpoint properties, int maxBodySize, Deduplicator deduplicator) {

    /** A builder configured from the properties, ready for listeners. */
    WebhookEndpoint.Builder builder() {
        return timing(WebhookEndpoint.builder(provider), properties)
                .name(name)
                .secrets(secrets)
                .deduplicator(deduplicator);
    }

    /** Applies the settings of time: tolerance, event age, waits and the handlers' budget. */
    static WebhookEndpoint.Builder timing(WebhookEndpoint.Builder builder, HooklineProperties.Endpoint properties) {
        builder.duplicateWait(properties.getDuplicateWait()).handlerTimeout(properties.getHandlerTimeout());
        if (properties.isTimestampCheck()) {
            builder.tolerance(properties.getTolerance());
        } else {
            builder.withoutTimestampCheck();
        }
        if (!properties.isEventAgeCheck()) {
            builder.withoutEventAgeCheck();
        } else if (properties.getMaxEventAge() != null) {
            builder.maxEventAge(properties.getMaxEventAge());
        }
        return builder;
    }

    /** Servlet options from the properties, with failure logging left to the {@link WebhookErrorHandler}. */
    WebhookServletOptions.Builder servletOptions() {
        return WebhookServletOptions.builder()
                .maxBodySize(maxBodySize)
                .bodyReadTimeout(properties.getBodyReadTimeout())
                .retryAfter(properties.getRetryAfter())
                .logFailures(false);
    }

    /** Never shows the secrets. */
    @Override
    public String toString() {
        return "EndpointDefinition[" + name + ", path=" + path + ", provider=" + provider.name() + ", "
                + secrets.size() + " secret(s)]";
    }
}
