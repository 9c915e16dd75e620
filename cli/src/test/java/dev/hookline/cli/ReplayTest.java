package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Outcome;
import dev.hookline.delivery.Delivery;
import dev.hookline.providers.FakeExaEvents;
import dev.hookline.providers.FakeProviderServer;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.WebhookSigner;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code hookline events replay}: Exa's events fetched from a fake API, signed as Exa signs them and posted to a
 * real endpoint behind the servlet adapter on Jetty, whose deduplication makes the replay handle only what it
 * missed.
 */
class ReplayTest {

    private static final String SECRET = "receiver_secret_for_replay_tests";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String N = System.lineSeparator();

    private FakeProviderServer api;
    private FakeExaEvents events;
    private ExaReceiver receiver;
    private List<FakeExaEvents.Stored> stored;
    private Instant start;

    @BeforeEach
    void start() throws Exception {
        api = new FakeProviderServer();
        events = new FakeExaEvents(api, "/websets");
        receiver = new ExaReceiver(SECRET);
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        stored = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            stored.add(events.add("event_%02d".formatted(i), i % 4 == 0 ? "webset.item.created" : "webset.idle",
                    start.plus(Duration.ofSeconds(30L * i))));
        }
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        api.close();
    }

    private CliRun replay(Map<String, String> environment, String... more) {
        List<String> args = new ArrayList<>(List.of("events", "replay", "--since", "2h", "--to",
                receiver.uri().toString(), "--api-url", api.url() + "/websets"));
        args.addAll(List.of(more));
        return CliRun.run(environment, args.toArray(String[]::new));
    }

    private CliRun replay(String... more) {
        return replay(Map.of("EXA_API_KEY", "exa_key", "EXA_WEBHOOK_SECRET", SECRET), more);
    }

    /** Delivers an event to the receiver's endpoint as Exa would have before the outage. */
    private void deliveredBefore(FakeExaEvents.Stored event) {
        byte[] body = event.json().getBytes(StandardCharsets.UTF_8);
        Outcome outcome = receiver.endpoint().receive(Delivery.of(
                WebhookSigner.of(SignatureSchemes.exa(), SECRET).headers(body, Instant.now(), null), body));
        assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
    }

    @Test
    void ofFiftyEventsTheReceiverAlreadyHandledTwentyAndTheReplayHandlesExactlyTheOtherThirty() {
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            if (i % 5 == 1 || i % 5 == 3) {
                deliveredBefore(stored.get(i));
            } else {
                missed.add(stored.get(i).id());
            }
        }
        assertThat(receiver.handled()).hasSize(20);

        CliRun run = replay();

        assertThat(run.status()).isEqualTo(Hookline.OK);
        List<String> lines = new ArrayList<>();
        for (FakeExaEvents.Stored event : stored) {
            lines.add(event.type() + " id=" + event.id() + " -> 204");
        }
        assertThat(run.outLines()).containsExactlyElementsOf(lines); // oldest first, every one acknowledged
        assertThat(run.err()).isEqualTo("replayed 50 event(s) to " + receiver.uri() + ": 50 acknowledged" + N);
        assertThat(receiver.handled()).hasSize(50);
        assertThat(receiver.handled().subList(20, 50)).containsExactlyElementsOf(missed);
        List<Outcome> replayed = receiver.outcomes().subList(20, 70);
        assertThat(replayed).filteredOn(o -> o.status() == Outcome.Status.ACCEPTED).hasSize(30);
        assertThat(replayed).filteredOn(o -> o.status() == Outcome.Status.DUPLICATE).hasSize(20);

        CliRun again = replay();

        assertThat(again.status()).isEqualTo(Hookline.OK);
        assertThat(receiver.handled()).hasSize(50);
        assertThat(receiver.outcomes().subList(70, 120)).extracting(Outcome::status)
                .containsOnly(Outcome.Status.DUPLICATE);
    }

    @Test
    void theWindowAndTypesNarrowWhatIsReplayedAndJsonGivesOneDocumentPerEvent() {
        CliRun run = replay("--until", start.plus(Duration.ofMinutes(5)).toString(), "--types", "webset.item.created",
                "--json");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.outLines()).hasSize(3); // events 0, 4 and 8: at 0, 2 and 4 minutes
        JsonNode first = JSON.readTree(run.outLines().get(0));
        assertThat(first.get("id").asString()).isEqualTo("event_00");
        assertThat(first.get("type").asString()).isEqualTo("webset.item.created");
        assertThat(first.get("status").asInt()).isEqualTo(204);
        assertThat(first.get("reason").isNull()).isTrue();
        assertThat(receiver.handled()).containsExactly("event_00", "event_04", "event_08");
        assertThat(api.requests().get(0).query("types")).containsExactly("webset.item.created");
    }

    @Test
    void aWrongSecretIsRefusedByTheReceiverAndExitsOne() {
        CliRun run = replay(Map.of("EXA_API_KEY", "exa_key", "EXA_WEBHOOK_SECRET", "not_the_receivers_secret_0"),
                "--until", start.plus(Duration.ofSeconds(30)).toString());

        assertThat(run.status()).isEqualTo(Hookline.FAILED);
        assertThat(run.outLines()).containsExactly(
                "webset.item.created id=event_00 -> 401 reason=no_matching_signature",
                "webset.idle id=event_01 -> 401 reason=no_matching_signature");
        assertThat(run.err()).isEqualTo("replayed 2 event(s) to " + receiver.uri() + ": 0 acknowledged, 2 refused" + N);
        assertThat(run.out() + run.err()).doesNotContain("not_the_receivers_secret_0");
        assertThat(receiver.handled()).isEmpty();
    }

    @Test
    void theSecretOnTheCommandLineWorksWithAWarningAndAMissingOneIsAUsageError() {
        CliRun given = replay(Map.of("EXA_API_KEY", "exa_key"), "--secret", SECRET, "--until",
                start.toString());
        CliRun missing = replay(Map.of("EXA_API_KEY", "exa_key"));

        assertThat(given.status()).isEqualTo(Hookline.OK);
        assertThat(given.errLines()).containsExactly(
                "warning: --secret is visible to other users of this machine (process list, shell history); "
                        + "prefer the EXA_WEBHOOK_SECRET variable",
                "replayed 1 event(s) to " + receiver.uri() + ": 1 acknowledged");
        assertThat(given.out()).doesNotContain(SECRET);
        assertThat(missing.status()).isEqualTo(Hookline.USAGE);
        assertThat(missing.err()).isEqualTo("error: events replay signs with the receiver's secret: set "
                + "EXA_WEBHOOK_SECRET (or give --secret, which other users can see)" + N);
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void aReceiverThatIsNotThereExitsOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + port + "/webhooks/exa";

        CliRun run = CliRun.run(Map.of("EXA_API_KEY", "exa_key", "EXA_WEBHOOK_SECRET", SECRET), "events", "replay",
                "--since", "2h", "--to", nowhere, "--api-url", api.url() + "/websets");

        assertThat(run.status()).isEqualTo(Hookline.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: could not connect to " + nowhere + "; is the receiver running?" + N);
    }

    @Test
    void nothingToReplayIsNotAFailure() {
        CliRun run = replay("--types", "import.created");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("no events between ").endsWith(": nothing to replay" + N);
    }
}
