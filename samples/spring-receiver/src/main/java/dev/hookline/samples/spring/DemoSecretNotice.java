package dev.hookline.samples.spring;

import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says on standard error which endpoints fell back to a demo secret, because the environment gave none. The demo
 * secrets are public, so anyone can sign deliveries the receiver accepts: they are for trying it out only.
 */
@Component
class DemoSecretNotice {

    private static final Map<String, String> VARIABLES = Map.of(
            "exa", "EXA_WEBHOOK_SECRET",
            "encrata", "ENCRATA_WEBHOOK_SECRET",
            "standard", "STANDARD_WEBHOOK_SECRET");

    private final Environment environment;

    DemoSecretNotice(Environment environment) {
        this.environment = environment;
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
        System.err.println("Receiving webhooks on port " + environment.getProperty("local.server.port"));
    }
}
