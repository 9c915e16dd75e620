package dev.hookline.samples.spring;

import dev.hookline.spring.EndpointDefinition;
import dev.hookline.spring.WebhookEndpointRegistry;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says on standard error which endpoints fell back to a demo secret, because the environment gave none (the demo
 * secrets are public, so anyone can sign deliveries the receiver accepts: they are for trying it out only), then
 * where each endpoint listens, as the Jetty receiver does.
 */
@Component
class DemoSecretNotice {

    private static final Map<String, String> VARIABLES = Map.of(
            "exa", "EXA_WEBHOOK_SECRET",
            "encrata", "ENCRATA_WEBHOOK_SECRET",
            "standard", "STANDARD_WEBHOOK_SECRET");

    private final Environment environment;
    private final WebhookEndpointRegistry registry;

    DemoSecretNotice(Environment environment, WebhookEndpointRegistry registry) {
        this.environment = environment;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        for (String provider : new String[] { "exa", "encrata", "standard" }) {
            String variable = VARIABLES.get(provider);
            if (environment.getProperty(variable) == null) {
                System.err.println("DEMO ONLY: " + variable + " is not set, so /webhooks/" + provider
                        + " accepts deliveries signed with the public demo secret "
                        + environment.getProperty("demo.secrets." + provider)
                        + " . Set " + variable + " before receiving real deliveries.");
            }
        }
        String port = environment.getProperty("local.server.port");
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        System.err.println("Hookline sample receiver listening on port " + port + ":");
        for (EndpointDefinition definition : registry.definitions()) {
            System.err.println("  POST http://localhost:" + port + contextPath + definition.path());
        }
        System.err.println("Ready: each handled event is printed to standard output. Stop with Ctrl-C.");
    }
}
