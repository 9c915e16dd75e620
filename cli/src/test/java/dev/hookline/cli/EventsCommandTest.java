package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.providers.FakeExaEvents;
import dev.hookline.providers.FakeProviderServer;
import dev.hookline.providers.FakeProviderServer.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@code hookline events list|get} against a fake Exa events API. */
class EventsCommandTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeProviderServer server;
    private FakeExaEvents events;

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
        events = new FakeExaEvents(server, "/websets");
        for (int i = 0; i < 5; i++) {
            events.add("event_" + i, i % 2 == 0 ? "webset.idle" : "webset.item.created",
                    NOW.minus(Duration.ofMinutes(50 - 10L * i)));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun run(String... args) {
        String[] all = Stream.concat(Arrays.stream(args),
                Stream.of("--api-url", server.url() + "/websets")).toArray(String[]::new);
        return CliRun.run(Map.of("EXA_API_KEY", "exa_key"), Clock.fixed(NOW, ZoneOffset.UTC), all);
    }

    @Test
    void listPrintsEventsNewestFirstWithinATimeAgoAndTypes() {
        CliRun run = run("events", "list", "--since", "35m", "--types", "webset.idle,webset.item.created");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.outLines()).containsExactly(
                "2026-06-01T11:50:00Z  webset.idle  id=event_4",
                "2026-06-01T11:40:00Z  webset.item.created  id=event_3",
                "2026-06-01T11:30:00Z  webset.idle  id=event_2");
        Request request = server.onlyRequest();
        assertThat(request.header("x-api-key")).isEqualTo("exa_key");
        assertThat(request.queryFirst("createdAfter")).isEqualTo("2026-06-01T11:25:00Z");
        assertThat(request.queryFirst("createdBefore")).isNull();
        assertThat(request.query("types")).containsExactly("webset.idle", "webset.item.created");
    }

    @Test
    void listWithJsonPrintsEachEventAsADeliveryWouldCarryIt() {
        CliRun run = run("events", "list", "--since", "2026-06-01T11:45:00Z", "--until", "2026-06-01", "--json");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.outLines()).isEmpty(); // --until 2026-06-01 is midnight, before --since

        CliRun json = run("events", "list", "--since", "2026-06-01T13:45:00+02:00", "--json");
        assertThat(json.outLines()).hasSize(1);
        assertThat(JSON.readTree(json.out()).propertyNames())
                .containsExactly("id", "object", "type", "data", "createdAt");
        assertThat(JSON.readTree(json.out()).get("id").asString()).isEqualTo("event_4");
    }

    @Test
    void aLimitAsksForOnePage() {
        CliRun run = run("events", "list", "--limit", "2");

        assertThat(run.outLines()).hasSize(2);
        assertThat(run.err()).isEqualTo("more: --cursor cur_2" + System.lineSeparator());
        assertThat(server.onlyRequest().rawQuery()).isEqualTo("limit=2");
    }

    @Test
    void getShowsTheEventAndItsData() {
        CliRun run = run("events", "get", "--id", "event_3");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.outLines()).startsWith(
                "id:          event_3",
                "type:        webset.item.created",
                "created:     2026-06-01T11:40:00Z",
                "data:",
                "{");
        assertThat(run.out()).contains("\"id\" : \"witem_event_3\"");
        assertThat(server.onlyRequest().path()).isEqualTo("/websets/v0/events/event_3");
    }
}
