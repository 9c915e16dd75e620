package dev.hookline.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Acceptance;
import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.dedupe.EventKey;
import dev.hookline.delivery.Headers;
import dev.hookline.event.JsonEnvelope;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An id or type read from a header the signature does not cover is refused unless trusted on purpose. */
class UnsignedHeaderTest {

    private static final String SECRET = "github_webhook_secret_01";

    private static JsonEnvelope.Builder githubEnvelope() {
        return JsonEnvelope.builder().idHeader("X-GitHub-Delivery").typeHeader("X-GitHub-Event").wholeBodyAsData();
    }

    private static Delivery delivery(String deliveryId, String event, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Headers.Builder headers = Headers.builder();
        WebhookSigner.of(SignatureSchemes.github(), SECRET).sign(body).forEach(headers::add);
        return Delivery.of(headers.add("X-GitHub-Delivery", deliveryId).add("X-GitHub-Event", event).build(), body);
    }

    @Test
    void aProviderReadingUnsignedHeadersIsRefusedNamingThemAndTheWayOut() {
        JsonEnvelope envelope = githubEnvelope().build();

        assertThatThrownBy(() -> new Provider("github", SignatureSchemes.github(), envelope))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Provider 'github' reads the event's id or type from x-github-delivery, x-github-event, "
                        + "which HexHmacScheme[X-Hub-Signature-256] does not sign: anyone holding one captured delivery "
                        + "could replay it with new values there. Take them from the signed body instead, or call "
                        + "JsonEnvelope.Builder.trustUnsignedHeaders() to accept that risk.");
        assertThat(envelope.headersRead()).containsExactlyInAnyOrder("x-github-delivery", "x-github-event");
        assertThat(envelope.trustsUnsignedHeaders()).isFalse();
    }

    @Test
    void signedHeadersNeedNoTrust() {
        assertThat(SignatureSchemes.standardWebhooks().signedHeaders()).isEqualTo(Set.of("webhook-id", "webhook-timestamp"));
        assertThat(Providers.standardWebhooks().readsUnsignedHeaders()).isFalse();
        assertThat(Providers.exa().readsUnsignedHeaders()).isFalse();
        assertThat(new Provider("standard-typed", SignatureSchemes.standardWebhooks(),
                JsonEnvelope.builder().idHeader("Webhook-Id").typeField("type").build()).readsUnsignedHeaders()).isFalse();
    }

    @Test
    void trustedUnsignedHeadersDeduplicateOnTheIdTogetherWithTheBody() {
        Provider github = new Provider("github", SignatureSchemes.github(), githubEnvelope().trustUnsignedHeaders().build());
        List<String> handled = new ArrayList<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(github).secret(SECRET)
                .onAny(event -> handled.add(event.type() + " " + event.id())).build();
        String push = "{\"ref\":\"refs/heads/main\"}";
        String release = "{\"action\":\"published\"}";

        assertThat(github.readsUnsignedHeaders()).isTrue();
        assertThat(endpoint.receive(delivery("d-1", "push", push)).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(endpoint.receive(delivery("d-1", "push", push)).status()).isEqualTo(Outcome.Status.DUPLICATE);
        // a capture replayed under the id of a genuine delivery still to come cannot suppress it
        assertThat(endpoint.receive(delivery("d-2", "push", push)).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(endpoint.receive(delivery("d-2", "release", release)).status()).isEqualTo(Outcome.Status.ACCEPTED);
        // the outcome and the handlers see the delivery id itself
        assertThat(endpoint.receive(delivery("d-3", "push", push)).eventId()).isEqualTo("d-3");
        assertThat(handled).containsExactly("push d-1", "push d-2", "release d-2", "push d-3");
    }

    @Test
    void theDeduplicationKeyIsOneRuleThatOtherStoresCanAskFor() throws Exception {
        Provider github = new Provider("github", SignatureSchemes.github(), githubEnvelope().trustUnsignedHeaders().build());
        WebhookEndpoint endpoint = WebhookEndpoint.builder(github).secret(SECRET).build();
        String push = "{\"ref\":\"refs/heads/main\"}";
        Acceptance.Verified verified = (Acceptance.Verified) endpoint.accept(delivery("d-9", "push", push), Instant.now());
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(push.getBytes(StandardCharsets.UTF_8)));

        assertThat(endpoint.dispatcher().key(verified.event()))
                .isEqualTo(new EventKey("github", "d-9#sha256=" + digest));
        WebhookEndpoint signed = WebhookEndpoint.builder(Providers.standardWebhooks())
                .secret("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").build();
        byte[] body = "{\"type\":\"a.b\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        Headers.Builder headers = Headers.builder();
        WebhookSigner.of(SignatureSchemes.standardWebhooks(), "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .sign(body, Instant.now(), "msg_1").forEach(headers::add);
        Acceptance.Verified standard = (Acceptance.Verified) signed.accept(Delivery.of(headers.build(), body), Instant.now());
        assertThat(signed.dispatcher().key(standard.event())).isEqualTo(new EventKey("standard", "msg_1"));
    }
}
