package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.WebhookEndpoint;
import dev.hookline.event.JsonEnvelope;
import dev.hookline.event.WebhookEvent;
import dev.hookline.routing.WebhookListener;
import dev.hookline.signature.SignatureScheme;
import dev.hookline.signature.SignatureSchemes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import tools.jackson.databind.JsonNode;

class CustomProviderTest {

    static final String SECRET = "custom_provider_secret_9d2f";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class));

    @Test
    void aProviderBeanIsUsedByName() {
        Provider stripeLike = new Provider("payments", SignatureSchemes.stripe(),
                JsonEnvelope.builder().idField("id").typeField("type").timeField("created").dataField("data").build());
        runner.withPropertyValues("hookline.endpoints.payments.provider=stripeLike",
                        "hookline.endpoints.payments.path=/webhooks/payments",
                        "hookline.endpoints.payments.secrets[0]=" + SECRET)
                .withBean("stripeLike", Provider.class, () -> stripeLike)
                .withBean(PaymentListener.class)
                .run(context -> {
                    WebhookEndpoint payments = context.getBean(WebhookEndpointRegistry.class).endpoint("payments");
                    byte[] body = TestDeliveries.utf8("{\"id\":\"evt_pay_1\",\"type\":\"charge.succeeded\","
                            + "\"created\":" + (System.currentTimeMillis() / 1000) + ",\"data\":{\"amount\":1200}}");

                    Outcome outcome = payments.receive(delivery(body,
                            TestDeliveries.sign(SignatureSchemes.stripe(), SECRET, body)));

                    assertThat(payments.provider()).isSameAs(stripeLike);
                    assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(context.getBean(PaymentListener.class).seen).containsExactly("payments:charge.succeeded:1200");
                });
    }

    @Test
    void aSignatureSchemeBeanGetsItsEnvelopeFromProperties() {
        SignatureScheme github = SignatureSchemes.github();
        runner.withPropertyValues("hookline.endpoints.github.provider=githubScheme",
                        "hookline.endpoints.github.path=/webhooks/github",
                        "hookline.endpoints.github.secrets[0]=" + SECRET,
                        "hookline.endpoints.github.envelope.id-header=X-GitHub-Delivery",
                        "hookline.endpoints.github.envelope.type-header=X-GitHub-Event",
                        "hookline.endpoints.github.envelope.whole-body-as-data=true",
                        "hookline.endpoints.github.envelope.trust-unsigned-headers=true")
                .withBean("githubScheme", SignatureScheme.class, () -> github)
                .withBean(GitHubListener.class)
                .run(context -> {
                    WebhookEndpoint endpoint = context.getBean(WebhookEndpointRegistry.class).endpoint("github");
                    byte[] body = TestDeliveries.utf8("{\"ref\":\"refs/heads/main\",\"commits\":[]}");
                    Map<String, String> headers = new LinkedHashMap<>(TestDeliveries.sign(github, SECRET, body));
                    headers.put("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
                    headers.put("X-GitHub-Event", "push");

                    Outcome outcome = endpoint.receive(delivery(body, headers));

                    assertThat(endpoint.provider().name()).isEqualTo("github");
                    assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(outcome.eventId()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
                    assertThat(context.getBean(GitHubListener.class).refs).containsExactly("refs/heads/main");
                });
    }

    @Test
    void theBuiltInNamesAlwaysMeanTheBuiltInProviders() {
        runner.withPropertyValues(HooklineAutoConfigurationTest.EXA)
                .withBean("exa", String.class, () -> "an unrelated bean that happens to be called exa")
                .run(context -> assertThat(context.getBean(WebhookEndpointRegistry.class).endpoint("exa").provider())
                        .isSameAs(HooklinePropertiesMapper.BUILT_IN.get("exa")));
    }

    static class PaymentListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @WebhookListener("charge.*")
        void onCharge(WebhookEvent event, JsonNode data) {
            seen.add(event.provider() + ":" + event.type() + ":" + data.get("amount").asInt());
        }
    }

    static class GitHubListener {
        final List<String> refs = new CopyOnWriteArrayList<>();

        @WebhookListener(value = "push", endpoint = "github")
        void onPush(JsonNode push) {
            refs.add(push.get("ref").asString());
        }
    }
}
