package dev.hookline;

import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.event.PayloadFailure;
import dev.hookline.event.WebhookEvent;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookEndpointTest {

    private static final String SECRET = "endpoint_test_secret";
    private static final Instant NOW = Instant.parse("2026-05-02T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final WebhookSigner signer = WebhookSigner.of(Providers.exa().scheme(), SECRET, CLOCK);

    private Delivery exaDelivery(String id, String type) {
        byte[] body = ("{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type
                + "\",\"data\":{\"id\":\"webset_1\",\"object\":\"webset\"},\"createdAt\":\"2026-05-02T11:59:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        return Delivery.of(signer.headers(body, NOW, null), body);
    }

    private WebhookEndpoint.Builder exa() {
        return WebhookEndpoint.builder(Providers.exa()).secret(SECRET).clock(CLOCK);
    }

    @Test
    void acceptsAnAuthenticEventAndRunsItsHandlersInOrder() {
        List<String> calls = new ArrayList<>();
        WebhookEndpoint endpoint = exa()
                .onAny(event -> calls.add("any"))
                .on("webset.*", event -> calls.add("prefix"))
                .on("webset.created", event -> calls.add("exact:" + event.id()))
                .on("webset.deleted", event -> calls.add("other"))
                .build();

        Outcome outcome = endpoint.receive(exaDelivery("evt_1", "webset.created"));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.eventId()).isEqualTo("evt_1");
        assertThat(outcome.eventType()).isEqualTo("webset.created");
        assertThat(outcome.handlersRun()).isEqualTo(3);
        assertThat(calls).containsExactly("exact:evt_1", "prefix", "any");
    }

    @Test
    void aRedeliveryOfAHandledEventIsADuplicateAndRunsNothing() {
        AtomicInteger runs = new AtomicInteger();
        WebhookEndpoint endpoint = exa().onAny(event -> runs.incrementAndGet()).build();

        assertThat(endpoint.receive(exaDelivery("evt_1", "webset.created")).status()).isEqualTo(Outcome.Status.ACCEPTED);
        Outcome second = endpoint.receive(exaDelivery("evt_1", "webset.created"));

        assertThat(second.status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(second.handlersRun()).isZero();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailingHandlerFailsTheDeliveryAndItsRetryRunsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        WebhookEndpoint endpoint = exa().onAny(event -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("downstream unavailable");
            }
        }).build();

        Outcome first = endpoint.receive(exaDelivery("evt_1", "webset.created"));
        Outcome retry = endpoint.receive(exaDelivery("evt_1", "webset.created"));

        assertThat(first.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(first.reason()).isEqualTo(DeliveryFailure.HANDLER_FAILED);
        assertThat(first.failure()).isInstanceOf(IllegalStateException.class);
        assertThat(first.toString()).doesNotContain("downstream unavailable");
        assertThat(retry.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aForgedDeliveryIsRejectedWithoutRunningHandlers() {
        AtomicInteger runs = new AtomicInteger();
        WebhookEndpoint endpoint = exa().onAny(event -> runs.incrementAndGet()).build();
        Delivery genuine = exaDelivery("evt_1", "webset.created");
        byte[] tampered = genuine.body().clone();
        tampered[tampered.length - 3] ^= 1;

        Outcome outcome = endpoint.receive(Delivery.of(genuine.headers(), tampered));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(outcome.reason()).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(outcome.eventId()).isNull();
        assertThat(runs).hasValue(0);
    }

    @Test
    void anAuthenticBodyThatIsNotJsonIsMalformed() {
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
        Outcome outcome = exa().build().receive(Delivery.of(signer.headers(body, NOW, null), body));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.MALFORMED);
        assertThat(outcome.reason()).isEqualTo(PayloadFailure.NOT_JSON);
    }

    @Test
    void anAuthenticEnvelopeWithoutATypeIsMalformed() {
        byte[] body = "{\"id\":\"evt_1\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        Outcome outcome = exa().build().receive(Delivery.of(signer.headers(body, NOW, null), body));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.MALFORMED);
        assertThat(outcome.reason()).isEqualTo(PayloadFailure.MISSING_EVENT_TYPE);
    }

    @Test
    void aDeliveryVerifiedLaterIsJudgedAsOfItsReceipt() {
        WebhookEndpoint endpoint = exa().clock(Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC)).build();
        Delivery delivery = exaDelivery("evt_1", "webset.created");

        assertThat(endpoint.receive(delivery).reason()).isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
        assertThat(endpoint.receive(delivery, NOW).status()).isEqualTo(Outcome.Status.ACCEPTED);
    }

    @Test
    void anEventOlderThanTheMaxEventAgeIsRejected() {
        WebhookEndpoint endpoint = exa().maxEventAge(Duration.ofSeconds(30)).build();

        Outcome outcome = endpoint.receive(exaDelivery("evt_1", "webset.created"));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(outcome.reason()).isEqualTo(PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
    }

    @Test
    void everyOutcomeReachesTheOutcomeListenersEvenWhenOneThrows() {
        List<Outcome> seen = new ArrayList<>();
        WebhookEndpoint endpoint = exa()
                .outcomeObserver(outcome -> {
                    throw new IllegalStateException("metrics down");
                })
                .outcomeObserver(seen::add)
                .build();

        Outcome accepted = endpoint.receive(exaDelivery("evt_1", "webset.created"));
        Outcome duplicate = endpoint.receive(exaDelivery("evt_1", "webset.created"));

        assertThat(seen).containsExactly(accepted, duplicate);
        assertThat(accepted.endpoint()).isEqualTo("exa");
    }

    @Test
    void anEventWithNoHandlerIsAccepted() {
        Outcome outcome = exa().on("webset.deleted", event -> { }).build()
                .receive(exaDelivery("evt_1", "brand.new.type"));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(outcome.handlersRun()).isZero();
    }

    @Test
    void aRedeliveryWhileTheFirstIsInFlightWaitsAndTimesOutAsInProgress() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.create();
        // another delivery holds it and never finishes
        deduplicator.claim(new EventKey("exa", "evt_1"), Duration.ofMinutes(1));
        WebhookEndpoint endpoint = exa().deduplicator(deduplicator).duplicateWait(Duration.ofMillis(50)).build();

        Outcome outcome = endpoint.receive(exaDelivery("evt_1", "webset.created"));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(outcome.reason()).isEqualTo(DeliveryFailure.DELIVERY_IN_PROGRESS);
    }

    @Test
    void listenerMethodsAreBoundToTheEndpointTheyName() {
        class Listener {
            final List<String> calls = new ArrayList<>();

            @dev.hookline.routing.WebhookListener("webset.created")
            void everywhere(WebhookEvent event) {
                calls.add("everywhere");
            }

            @dev.hookline.routing.WebhookListener(value = "webset.created", endpoint = "other")
            void elsewhere(WebhookEvent event) {
                calls.add("elsewhere");
            }
        }
        Listener listener = new Listener();
        WebhookEndpoint endpoint = exa().listener(listener).name("main").build();

        endpoint.receive(exaDelivery("evt_1", "webset.created"));

        assertThat(listener.calls).containsExactly("everywhere");
    }
}
