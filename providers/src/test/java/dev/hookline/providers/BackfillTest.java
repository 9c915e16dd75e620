package dev.hookline.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.providers.FakeProviderServer.Request;
import dev.hookline.providers.FakeProviderServer.Response;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backfill: Exa's events go through a real endpoint's dispatch stage, oldest first, so that what the endpoint
 * already handled is a duplicate, failures are reported per event, and a later run goes on from the position
 * the last one reached.
 */
class BackfillTest {

    private static final String SECRET = "exa_receiver_secret_for_backfill";
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant NOW = START.plus(Duration.ofDays(1));

    private FakeProviderServer server;
    private FakeExaEvents events;
    private ExaClient exa;
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<VerifiedEvent> dispatched = new CopyOnWriteArrayList<>();
    private final Set<String> failing = new HashSet<>();
    private WebhookEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
        events = new FakeExaEvents(server, "/websets");
        exa = client(ExaClient.DEFAULT_MAX_EVENTS_IN_MEMORY);
        endpoint = WebhookEndpoint.builder(Providers.exa())
                .name("exa-main")
                .secret(SECRET)
                .onAny(event -> {
                    dispatched.add(event.verified());
                    if (failing.contains(event.id())) {
                        throw new IllegalStateException("handler failed for " + event.id());
                    }
                    handled.add(event.id());
                })
                .build();
    }

    private ExaClient client(int maxEventsInMemory) {
        return ExaClient.builder("exa_key").baseUrl(server.url() + "/websets").sleeper(new RecordingSleeper())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).maxEventsInMemory(maxEventsInMemory).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Events one minute apart from START, ids event_000.. in time order. */
    private List<FakeExaEvents.Stored> addEvents(int count, int firstIndex) {
        List<FakeExaEvents.Stored> added = new ArrayList<>();
        for (int i = firstIndex; i < firstIndex + count; i++) {
            added.add(events.add("event_%03d".formatted(i), i % 3 == 0 ? "webset.item.created" : "webset.idle",
                    START.plus(Duration.ofMinutes(i))));
        }
        return added;
    }

    /** Delivers an event to the endpoint as Exa would have, signed, so that the endpoint handles it. */
    private void deliver(FakeExaEvents.Stored event) {
        byte[] body = event.json().getBytes(StandardCharsets.UTF_8);
        Outcome outcome = endpoint.receive(Delivery.of(
                WebhookSigner.of(SignatureSchemes.exa(), SECRET).headers(body, Instant.now(), null), body));
        assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
    }

    @Test
    void ofFiftyEventsTheTwentyAlreadyDeliveredAreDuplicatesAndTheOtherThirtyAreHandledOldestFirst() {
        List<FakeExaEvents.Stored> all = addEvents(50, 0);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 5 < 2) {
                deliver(all.get(i)); // 20 of the 50, spread over the whole window
            } else {
                expected.add(all.get(i).id());
            }
        }
        handled.clear();

        BackfillResult result = exa.backfill(endpoint, START);

        assertThat(result.seen()).isEqualTo(50);
        assertThat(result.handled()).isEqualTo(30);
        assertThat(result.duplicate()).isEqualTo(20);
        assertThat(result.failed()).isZero();
        assertThat(result.failures()).isEmpty();
        assertThat(result.isComplete()).isTrue();
        assertThat(handled).containsExactlyElementsOf(expected);
        assertThat(result.position()).isEqualTo(EventPosition.after(START.plus(Duration.ofMinutes(49)), "event_049"));
        assertThat(result.toString()).isEqualTo("BackfillResult[seen=50, handled=30, duplicate=20, failed=0, "
                + "position=2026-04-01T00:49:00Z/event_049]");
    }

    @Test
    void eachEventIsDispatchedAsAVerifiedEventOfTheEndpointWithItsJsonAsTheBody() {
        FakeExaEvents.Stored stored = addEvents(1, 0).get(0);

        exa.backfill(endpoint, START);

        VerifiedEvent event = dispatched.get(0);
        assertThat(event.endpoint()).isEqualTo("exa-main");
        assertThat(event.provider()).isEqualTo("exa");
        assertThat(event.id()).isEqualTo("event_000");
        assertThat(event.type()).isEqualTo("webset.item.created");
        assertThat(event.time()).isEqualTo(START);
        assertThat(event.receivedAt()).isEqualTo(NOW);
        assertThat(event.replayableUntil()).isNull();
        assertThat(event.headers().names()).isEmpty();
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(event.body())).isEqualTo(((ObjectNode)
                json.readTree(stored.json())).without("someFieldAddedLater"));
    }

    @Test
    void theWindowIsAskedForWithItsBoundsAndTypesAndEndsAtTheStartOfTheRun() {
        addEvents(6, 0);

        BackfillResult result = exa.backfill(endpoint, START.plus(Duration.ofMinutes(1)),
                START.plus(Duration.ofMinutes(4)), Set.of("webset.idle"));

        assertThat(handled).containsExactly("event_001", "event_002", "event_004");
        assertThat(result.seen()).isEqualTo(3);
        Request request = server.onlyRequest();
        assertThat(request.query("types")).containsExactly("webset.idle");
        assertThat(request.queryFirst("createdAfter")).isEqualTo("2026-04-01T00:01:00Z");
        assertThat(request.queryFirst("createdBefore")).isEqualTo("2026-04-01T00:04:00Z");
        assertThat(request.queryFirst("limit")).isEqualTo("200");

        exa.backfill(endpoint, START);
        assertThat(server.requests().get(1).queryFirst("createdBefore")).isEqualTo(NOW.toString());
        assertThat(server.requests().get(1).query("types")).isEmpty();
    }

    @Test
    void aLaterRunGoesOnFromThePositionTheLastOneReached() {
        addEvents(10, 0);
        BackfillResult first = exa.backfill(endpoint, START);
        assertThat(first.handled()).isEqualTo(10);

        addEvents(5, 10);
        handled.clear();
        BackfillResult second = exa.backfill(endpoint, EventPosition.parse(first.position().toString()));

        assertThat(second.seen()).isEqualTo(5);
        assertThat(second.handled()).isEqualTo(5);
        assertThat(second.duplicate()).isZero();
        assertThat(handled).containsExactly("event_010", "event_011", "event_012", "event_013", "event_014");
        assertThat(server.requests().get(server.requests().size() - 1).queryFirst("createdAfter"))
                .isEqualTo("2026-04-01T00:09:00Z");
        assertThat(second.position()).isEqualTo(EventPosition.after(START.plus(Duration.ofMinutes(14)), "event_014"));

        BackfillResult third = exa.backfill(endpoint, second.position());
        assertThat(third.seen()).isZero();
        assertThat(third.position()).isEqualTo(second.position());
    }

    @Test
    void eventsAtTheSameInstantAreOrderedByIdAndAPositionBetweenThemIsHonoured() {
        Instant same = START.plusSeconds(30);
        events.add("event_c", "webset.idle", same);
        events.add("event_a", "webset.idle", same);
        events.add("event_b", "webset.idle", same);

        BackfillResult result = exa.backfill(endpoint, EventPosition.after(same, "event_a"), null, null);

        assertThat(handled).containsExactly("event_b", "event_c");
        assertThat(result.position()).isEqualTo(EventPosition.after(same, "event_c"));
    }

    @Test
    void aFailedHandlerIsReportedPerEventAndTheNextRunRetriesItWhileLaterOnesAreDuplicates() {
        addEvents(6, 0);
        failing.add("event_002");
        failing.add("event_004");

        BackfillResult first = exa.backfill(endpoint, START);

        assertThat(first.seen()).isEqualTo(6);
        assertThat(first.handled()).isEqualTo(4);
        assertThat(first.failed()).isEqualTo(2);
        assertThat(first.failures()).containsExactly(
                new BackfillFailure("event_002", "webset.idle", "handler_failed",
                        first.failures().get(0).description()),
                new BackfillFailure("event_004", "webset.idle", "handler_failed",
                        first.failures().get(1).description()));
        assertThat(first.failures().get(0).description()).doesNotContain("event_002");
        assertThat(first.isComplete()).isFalse();
        assertThat(first.position()).isEqualTo(EventPosition.after(START.plus(Duration.ofMinutes(1)), "event_001"));

        failing.clear();
        handled.clear();
        BackfillResult second = exa.backfill(endpoint, first.position());

        assertThat(handled).containsExactly("event_002", "event_004");
        assertThat(second.handled()).isEqualTo(2);
        assertThat(second.duplicate()).isEqualTo(2);
        assertThat(second.isComplete()).isTrue();
        assertThat(second.position()).isEqualTo(EventPosition.after(START.plus(Duration.ofMinutes(5)), "event_005"));
    }

    @Test
    void aWindowWithMoreEventsThanMemoryAllowsIsSplitAndStillWalkedOldestFirstExactlyOnce() {
        List<FakeExaEvents.Stored> all = addEvents(50, 0);
        // a few at the same instant, straddling where the window is halved
        Instant middle = START.plus(Duration.ofMinutes(12)).plusSeconds(15);
        events.add("event_m1", "webset.idle", middle);
        events.add("event_m2", "webset.idle", middle);
        ExaClient small = client(7);

        BackfillResult result = small.backfill(endpoint, START, START.plus(Duration.ofMinutes(49)), null);

        List<String> expected = new ArrayList<>(all.stream().map(FakeExaEvents.Stored::id).toList());
        expected.addAll(13, List.of("event_m1", "event_m2"));
        assertThat(handled).containsExactlyElementsOf(expected);
        assertThat(result.seen()).isEqualTo(52);
        assertThat(result.handled()).isEqualTo(52);
        assertThat(events.listCalls()).isGreaterThan(8);
    }

    @Test
    void anApiFailureStopsTheRunAndReturnsWhatItDidWithTheError() {
        addEvents(3, 0);
        server.enqueue("GET", "/websets/v0/events", Response.json(401, "{\"message\":\"Invalid API key\"}"));

        BackfillResult result = exa.backfill(endpoint, START);

        assertThat(result.seen()).isZero();
        assertThat(result.position()).isEqualTo(EventPosition.since(START));
        assertThat(result.stoppedBy()).get().extracting(ProviderApiException::kind)
                .isEqualTo(ProviderApiException.Kind.UNAUTHORIZED);
        assertThat(result.isComplete()).isFalse();
    }

    @Test
    void onlyAnExaEndpointCanBeBackfilledAndTheWindowMustBeInOrder() {
        WebhookEndpoint encrata = WebhookEndpoint.builder(Providers.encrata())
                .secret("whsec_6cce5d5445b12e649ce9e715a2ef4addc9117d6bf3013a0f388997ed20711b1c").build();

        assertThatThrownBy(() -> exa.backfill(encrata, START)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Endpoint 'encrata' receives from 'encrata', not from Exa: Exa's events cannot be "
                        + "dispatched to it");
        assertThatThrownBy(() -> exa.backfill(endpoint, START, START.minusSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void positionsReadBackTheirTextForm() {
        assertThat(EventPosition.parse("2026-04-01T00:00:00Z")).isEqualTo(EventPosition.since(START));
        assertThat(EventPosition.parse("2026-04-01T00:00:00Z/event_1")).isEqualTo(EventPosition.after(START, "event_1"));
        assertThat(EventPosition.after(START, "event_1")).hasToString("2026-04-01T00:00:00Z/event_1");
        assertThatThrownBy(() -> EventPosition.parse("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }
}
