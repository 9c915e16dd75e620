package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFailure;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code send} signs as Svix, Stripe and GitHub do: what it makes, their built-in providers accept. */
class MoreSendersTest {

    private static Provider provider(SampleProvider sender) {
        return switch (sender) {
            case SVIX -> Providers.svix();
            case STRIPE -> Providers.stripe();
            case GITHUB -> Providers.github();
            default -> throw new IllegalArgumentException(sender.id());
        };
    }

    private static Delivery delivery(SampleDelivery sample) {
        Headers.Builder headers = Headers.builder();
        sample.headers().forEach(headers::add);
        return Delivery.of(headers.build(), sample.body());
    }

    @ParameterizedTest
    @EnumSource(value = SampleProvider.class, names = {"SVIX", "STRIPE", "GITHUB"})
    void aSampleSignedAsTheProviderIsAcceptedByItsBuiltInProviderAndHandledOnce(SampleProvider sender) {
        List<String> handled = new ArrayList<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(provider(sender)).secret(sender.demoSecret())
                .allowUndocumentedTypes().onAny(event -> handled.add(event.type() + " " + event.id())).build();
        SendRequest request = SendRequest.of(sender, "webset.item.created", URI.create("http://localhost/x"));
        SampleDelivery sample = SampleDelivery.prepare(request, Instant.now());

        Outcome first = endpoint.receive(delivery(sample));
        Outcome again = endpoint.receive(delivery(sample));

        assertThat(first.status()).as(sender.id()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(first.eventId()).isEqualTo(sample.eventId());
        assertThat(again.status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(handled).containsExactly("webset.item.created " + sample.eventId());
    }

    @ParameterizedTest
    @EnumSource(value = SampleProvider.class, names = {"SVIX", "STRIPE", "GITHUB"})
    void aTamperedSampleIsRefused(SampleProvider sender) {
        WebhookEndpoint endpoint = WebhookEndpoint.builder(provider(sender)).secret(sender.demoSecret())
                .allowUndocumentedTypes().build();
        SendRequest request = new SendRequest(sender, "webset.item.created", URI.create("http://localhost/x"),
                sender.demoSecret(), true, false, false);

        Outcome outcome = endpoint.receive(delivery(SampleDelivery.prepare(request, Instant.now())));

        assertThat(outcome.reason()).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void gitHubNamesTheEventAndDeliveryInItsOwnHeaders() {
        SampleDelivery sample = SampleDelivery.prepare(SendRequest.of(SampleProvider.GITHUB, "lookup.completed",
                URI.create("http://localhost/x")), Instant.now());

        assertThat(sample.headers()).containsKeys("X-Hub-Signature-256", "X-GitHub-Event", "X-GitHub-Delivery");
        assertThat(sample.headers().get("X-GitHub-Event")).isEqualTo("lookup.completed");
        assertThat(sample.headers().get("X-GitHub-Delivery")).isEqualTo(sample.eventId());
    }
}
