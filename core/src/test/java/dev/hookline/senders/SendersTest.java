package dev.hookline.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.event.WebhookEvent;
import dev.hookline.routing.WebhookListener;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.WebhookSigner;
import dev.hookline.stripe.StripeData;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Svix, Stripe and GitHub as full providers, each against its own SDK where one signs. */
class SendersTest {

    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void svixDeliveriesSignedByTheSvixLibraryAreAcceptedAndOursVerifyWithIt() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String payload = "{\"type\":\"user.created\",\"object\":\"event\",\"data\":{\"id\":\"user_1\"}}";
        String signature = new com.svix.Webhook(secret).sign("msg_svix_1", NOW.getEpochSecond(), payload);
        Headers headers = Headers.builder().add("svix-id", "msg_svix_1")
                .add("svix-timestamp", Long.toString(NOW.getEpochSecond())).add("svix-signature", signature).build();
        List<String> seen = new ArrayList<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.svix()).secret(secret).clock(CLOCK)
                .on("user.created", event -> seen.add(event.id() + " " + event.data().get("id").stringValue())).build();

        assertThat(endpoint.receive(Delivery.of(headers, utf8(payload))).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(seen).containsExactly("msg_svix_1 user_1");

        Map<String, String> ours = WebhookSigner.of(Providers.svix().scheme(), secret).sign(utf8(payload), NOW, "msg_2");
        Map<String, List<String>> asSvixReads = new LinkedHashMap<>();
        ours.forEach((name, value) -> asSvixReads.put(name, List.of(value)));
        assertThat(ours).containsOnlyKeys("svix-id", "svix-timestamp", "svix-signature");
        assertThatCode(() -> new com.svix.Webhook(secret).verify(payload, asSvixReads)).doesNotThrowAnyException();
    }

    record Charge(String id, long amount, String currency) {
    }

    static final class ChargeListener {
        final List<String> charges = new ArrayList<>();

        @WebhookListener("charge.succeeded")
        void onCharge(StripeData<Charge> data, WebhookEvent event) {
            charges.add(event.id() + " " + data.object().id() + " " + data.object().amount() + " " + data.object().currency()
                    + " " + event.createdAt());
        }
    }

    @Test
    void stripeEventsSignedByStripeJavaBindToTheApplicationsOwnClasses() throws Exception {
        String secret = "whsec_stripe_0123456789abcdef";
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.succeeded\",\"created\":"
                + NOW.getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\",\"amount\":1200,"
                + "\"currency\":\"eur\"}}}";
        String header = com.stripe.net.Webhook.Signature.generateSignatureHeader(payload, secret, NOW.getEpochSecond());
        ChargeListener listener = new ChargeListener();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.stripe()).secret(secret).clock(CLOCK)
                .listener(listener).build();
        Delivery delivery = Delivery.of(Headers.of(Map.of("Stripe-Signature", header)), utf8(payload));

        assertThat(endpoint.receive(delivery).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(endpoint.receive(delivery).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(listener.charges).containsExactly("evt_1 ch_1 1200 eur " + NOW);

        Map<String, String> ours = WebhookSigner.of(Providers.stripe().scheme(), secret).sign(utf8(payload), NOW, null);
        assertThat(com.stripe.net.Webhook.Signature.verifyHeader(payload, ours.get("Stripe-Signature"), secret, 300,
                CLOCK)).isTrue();
        assertThat(Providers.stripe().catalog().isOpen()).isTrue();
    }

    static final class PullRequests {
        final List<String> calls = new ArrayList<>();

        @WebhookListener("pull_request.opened")
        void opened(WebhookEvent event) {
            calls.add("opened " + event.type());
        }

        @WebhookListener("pull_request")
        void any(WebhookEvent event) {
            calls.add("any " + event.type() + " base " + event.baseType());
        }

        @WebhookListener("push")
        void push(WebhookEvent event) {
            calls.add("push " + event.id());
        }
    }

    private static Delivery github(String secret, String deliveryId, String event, String json) {
        Headers.Builder headers = Headers.builder().add("X-GitHub-Delivery", deliveryId).add("X-GitHub-Event", event);
        WebhookSigner.of(Providers.github().scheme(), secret).sign(utf8(json)).forEach(headers::add);
        return Delivery.of(headers.build(), utf8(json));
    }

    @Test
    void gitHubEventsRouteByEventAndActionAndByTheBareEventName() {
        String secret = "github_webhook_secret_01";
        PullRequests listener = new PullRequests();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.github()).secret(secret).listener(listener).build();
        String opened = "{\"action\":\"opened\",\"number\":7}";
        String closed = "{\"action\":\"closed\",\"number\":7}";

        assertThat(endpoint.receive(github(secret, "d-1", "pull_request", opened)).eventType())
                .isEqualTo("pull_request.opened");
        endpoint.receive(github(secret, "d-2", "pull_request", closed));
        endpoint.receive(github(secret, "d-3", "push", "{\"ref\":\"refs/heads/main\"}"));

        assertThat(listener.calls).containsExactly("opened pull_request.opened",
                "any pull_request.opened base pull_request", "any pull_request.closed base pull_request", "push d-3");
    }

    @Test
    void aCapturedGitHubDeliveryCanBeReplayedUnderANewIdButNeitherChangedNorUsedToSuppressAnother() {
        String secret = "github_webhook_secret_01";
        PullRequests listener = new PullRequests();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.github()).secret(secret).listener(listener).build();
        Delivery captured = github(secret, "d-10", "push", "{\"ref\":\"refs/heads/main\"}");
        Delivery genuineLater = github(secret, "d-11", "push", "{\"ref\":\"refs/heads/dev\"}");

        assertThat(endpoint.receive(captured).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(endpoint.receive(captured).status()).isEqualTo(Outcome.Status.DUPLICATE);
        // the headers are unsigned: a new delivery id runs the handlers again (the documented risk)
        Headers renamed = Headers.builder().add("X-GitHub-Delivery", "d-11").add("X-GitHub-Event", "push")
                .add("X-Hub-Signature-256", captured.headers().first("X-Hub-Signature-256")).build();
        assertThat(endpoint.receive(Delivery.of(renamed, captured.body())).status()).isEqualTo(Outcome.Status.ACCEPTED);
        // but taking the id of a genuine delivery still to come does not suppress it
        assertThat(endpoint.receive(genuineLater).status()).isEqualTo(Outcome.Status.ACCEPTED);
        // and the body cannot change
        Delivery tampered = Delivery.of(captured.headers(), utf8("{\"ref\":\"refs/heads/evil\"}"));
        assertThat(endpoint.receive(tampered).reason()).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(listener.calls).containsExactly("push d-10", "push d-11", "push d-11");
    }
}
