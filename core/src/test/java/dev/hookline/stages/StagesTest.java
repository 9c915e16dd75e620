package dev.hookline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Acceptance;
import dev.hookline.Outcome;
import dev.hookline.Payloads;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.event.Receipt;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.event.WebhookEvent;
import dev.hookline.exa.ExaEvents;
import dev.hookline.exa.WebsetItem;
import dev.hookline.routing.WebhookListener;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accept and dispatch apart: a verified event can be stored, and dispatched later without its secret. */
class StagesTest {

    private static final String SECRET = "exa_secret_0123456789";
    private static final String ROTATED = "exa_secret_after_rotation";
    private static final Instant NOW = Instant.parse("2026-05-02T12:00:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final class Recorder {
        final List<String> calls = new ArrayList<>();

        @WebhookListener(ExaEvents.Names.WEBSET_ITEM_CREATED)
        void onItem(WebsetItem item, Receipt receipt, Headers headers) {
            calls.add("item " + item.id() + " via " + receipt.endpoint() + " at " + receipt.receivedAt()
                    + " attempt " + receipt.attempt() + " headers " + headers.names());
        }

        @WebhookListener("webset.*")
        void onAny(WebhookEvent event) {
            calls.add("event " + event.type() + " " + event.id());
        }
    }

    private static Delivery itemCreated() {
        byte[] body = Payloads.bytes("exa", "webset.item.created");
        return Delivery.of(WebhookSigner.of(Providers.exa().scheme(), SECRET).headers(body, NOW, null), body);
    }

    private static WebhookEndpoint endpoint(String secret, Recorder recorder) {
        return WebhookEndpoint.builder(Providers.exa()).name("exa-main").secret(secret).clock(CLOCK)
                .listener(recorder).build();
    }

    @Test
    void anAcceptedEventRoundTripsThroughItsStoredFormAndReachesTheSameHandlersWithTheSameArguments() {
        Recorder direct = new Recorder();
        Recorder later = new Recorder();
        endpoint(SECRET, direct).receive(itemCreated());
        Acceptance acceptance = endpoint(SECRET, later).accept(itemCreated(), NOW);
        assertThat(acceptance).isInstanceOf(Acceptance.Verified.class);
        VerifiedEvent accepted = ((Acceptance.Verified) acceptance).event();

        VerifiedEvent stored = VerifiedEvent.fromBytes(accepted.toBytes());
        Outcome outcome = endpoint(SECRET, later).dispatch(stored, 1);

        assertThat(stored).isEqualTo(accepted);
        assertThat(stored.body()).isEqualTo(itemCreated().body());
        assertThat(stored.headers().names()).as("Exa's envelope reads no header").isEmpty();
        assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(outcome.handlersRun()).isEqualTo(2);
        assertThat(later.calls).isEqualTo(direct.calls).hasSize(2);
        assertThat(later.calls.get(0)).endsWith("via exa-main at " + NOW + " attempt 1 headers []");
    }

    @Test
    void acceptingRunsNoHandlerAndRecordsNothing() {
        Recorder recorder = new Recorder();
        WebhookEndpoint endpoint = endpoint(SECRET, recorder);

        endpoint.accept(itemCreated(), NOW);
        endpoint.accept(itemCreated(), NOW);

        assertThat(recorder.calls).isEmpty();
        assertThat(endpoint.receive(itemCreated()).status()).isEqualTo(Outcome.Status.ACCEPTED);
    }

    @Test
    void anEventVerifiedBeforeItsSecretWasRotatedAwayIsStillDispatched() {
        VerifiedEvent stored = VerifiedEvent.fromBytes(((Acceptance.Verified) endpoint(SECRET, new Recorder())
                .accept(itemCreated(), NOW)).event().toBytes());
        Recorder recorder = new Recorder();
        WebhookEndpoint rotated = endpoint(ROTATED, recorder);

        assertThat(rotated.receive(itemCreated()).reason()).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        Outcome outcome = rotated.dispatch(stored, 3);

        assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(recorder.calls.get(0)).contains("attempt 3");
        assertThat(rotated.dispatch(stored, 4).status()).isEqualTo(Outcome.Status.DUPLICATE);
    }

    @Test
    void aRejectedDeliveryComesBackWithItsOutcome() {
        Delivery tampered = Delivery.of(itemCreated().headers(), "{}".getBytes(StandardCharsets.UTF_8));

        Acceptance acceptance = endpoint(SECRET, new Recorder()).accept(tampered, NOW);

        assertThat(acceptance).isInstanceOf(Acceptance.Rejected.class);
        Outcome outcome = ((Acceptance.Rejected) acceptance).outcome();
        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(outcome.reason()).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(outcome.httpStatus()).isEqualTo(401);
    }

    @Test
    void anEventOfAnotherEndpointIsNotDispatched() {
        VerifiedEvent event = ((Acceptance.Verified) endpoint(SECRET, new Recorder()).accept(itemCreated(), NOW))
                .event();
        WebhookEndpoint other = WebhookEndpoint.builder(Providers.exa()).name("exa-other").secret(SECRET).build();

        assertThatThrownBy(() -> other.dispatch(event, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An event of endpoint 'exa-main' (provider 'exa') cannot be dispatched by endpoint "
                        + "'exa-other' (provider 'exa')");
    }

    @Test
    void aStandardWebhooksEventKeepsTheIdHeaderItsEnvelopeReadsAndNoOther() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] body = "{\"type\":\"user.created\",\"timestamp\":\"2026-05-02T12:00:00Z\",\"data\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        Headers signed = WebhookSigner.of(Providers.standardWebhooks().scheme(), secret).headers(body, NOW, "msg_1");
        Headers.Builder withMore = Headers.builder().add("X-Forwarded-For", "10.0.0.1");
        for (String name : signed.names()) {
            withMore.add(name, signed.all(name));
        }
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.standardWebhooks()).secret(secret).clock(CLOCK)
                .build();

        VerifiedEvent event = ((Acceptance.Verified) endpoint.accept(Delivery.of(withMore.build(), body), NOW)).event();

        assertThat(event.headers().names()).containsExactly("webhook-id");
        assertThat(event.replayableUntil()).isEqualTo(NOW.plusSeconds(600));
        assertThat(endpoint.dispatch(VerifiedEvent.fromBytes(event.toBytes()), 1).status())
                .isEqualTo(Outcome.Status.ACCEPTED);
    }

    @Test
    void aToleranceReachingPastTheLastInstantKeepsTheEventUntilTheLastInstant() {
        List<Duration> tolerances = List.of(Duration.ofSeconds(Instant.MAX.getEpochSecond()),
                Duration.ofSeconds(Long.MAX_VALUE));
        for (Duration tolerance : tolerances) {
            WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(SECRET).clock(CLOCK)
                    .tolerance(tolerance).build();

            Acceptance acceptance = endpoint.accept(itemCreated(), NOW);

            assertThat(((Acceptance.Verified) acceptance).event().replayableUntil()).as("%s", tolerance)
                    .isEqualTo(Instant.MAX);
            assertThat(endpoint.receive(itemCreated()).status()).as("%s", tolerance)
                    .isEqualTo(Outcome.Status.ACCEPTED);
            assertThat(endpoint.receive(itemCreated()).status()).as("%s", tolerance)
                    .isEqualTo(Outcome.Status.DUPLICATE);
        }
    }
}
