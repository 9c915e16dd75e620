package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.providers.FakeProviderServer;
import dev.hookline.providers.FakeProviderServer.Request;
import dev.hookline.providers.FakeProviderServer.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code hookline webhooks ...} against a fake provider API: what is sent, what is printed, and the secret once. */
class WebhooksCommandTest {

    private static final String EXA_KEY = "exa_cli_key_0123";
    private static final String ENCRATA_KEY = "enc_cli_key_4567";
    private static final String EXA_SECRET = "whsec_exa_secret_shown_once_89";
    private static final String ENCRATA_SECRET =
            "whsec_6cce5d5445b12e649ce9e715a2ef4addc9117d6bf3013a0f388997ed20711b1c";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String N = System.lineSeparator();

    private static final String EXA_WEBHOOK = """
            {"id":"webhook_01","object":"webhook","status":"active","events":["webset.item.created","webset.idle"],
             "url":"https://example.com/hooks","secret":%s,"metadata":{"team":"growth"},
             "createdAt":"2026-01-02T03:04:05.678Z","updatedAt":"2026-01-03T00:00:00Z"}""";
    private static final String ENCRATA_WEBHOOK = """
            {"id":"7d9f","workspace_id":"ws_1","url":"https://example.com/enc","secret":%s,
             "events":["lookup.completed"],"is_active":%s,"description":"CRM","created_by":"ana",
             "created_at":"2026-05-02T12:00:00Z","updated_at":"2026-05-02T12:30:00Z"}""";

    private FakeProviderServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--api-url");
        all.add(server.url());
        return CliRun.run(Map.of("EXA_API_KEY", EXA_KEY, "ENCRATA_API_KEY", ENCRATA_KEY), all.toArray(String[]::new));
    }

    private static String exaWebhook(String secret) {
        return EXA_WEBHOOK.formatted(secret == null ? "null" : "\"" + secret + "\"");
    }

    private static String encrataWebhook(String secret, boolean active) {
        return ENCRATA_WEBHOOK.formatted(secret == null ? "null" : "\"" + secret + "\"", active);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void createPrintsTheWebhookAndItsSecretOnceWithTheLineSayingSo() {
        server.enqueue("POST", "/v0/webhooks", Response.json(200, exaWebhook(EXA_SECRET)));

        CliRun run = run("webhooks", "create", "--provider", "exa", "--url", "https://example.com/hooks",
                "--events", "webset.item.created, webset.idle", "--metadata", "team=growth", "--metadata", "env=prod");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("x-api-key")).isEqualTo(EXA_KEY);
        assertThat(json(request.bodyText())).isEqualTo(json("{\"events\":[\"webset.item.created\",\"webset.idle\"],"
                + "\"url\":\"https://example.com/hooks\",\"metadata\":{\"team\":\"growth\",\"env\":\"prod\"}}"));
        assertThat(run.outLines()).containsExactly(
                "created exa webhook webhook_01",
                "id:          webhook_01",
                "status:      active",
                "url:         https://example.com/hooks",
                "events:      webset.item.created,webset.idle",
                "metadata:    team=growth",
                "created:     2026-01-02T03:04:05.678Z",
                "updated:     2026-01-03T00:00:00Z",
                "secret:      " + EXA_SECRET,
                "The secret above is shown only this once and will not be shown again: store it now where the "
                        + "receiver reads it (EXA_WEBHOOK_SECRET).");
        assertThat(run.out().split(EXA_SECRET, -1)).hasSize(2); // exactly once
        assertThat(run.err()).isEmpty();
    }

    @Test
    void createWithJsonPrintsOneDocumentWithTheSecretAndTheNoteOnStandardError() {
        server.enqueue("POST", "/api/webhooks", Response.json(201, encrataWebhook(ENCRATA_SECRET, true)));

        CliRun run = run("webhooks", "create", "--provider", "encrata", "--url", "https://example.com/enc",
                "--events", "lookup.completed", "--description", "CRM", "--json");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        Request request = server.onlyRequest();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + ENCRATA_KEY);
        assertThat(json(request.bodyText())).isEqualTo(json(
                "{\"url\":\"https://example.com/enc\",\"events\":[\"lookup.completed\"],\"description\":\"CRM\"}"));
        assertThat(run.outLines()).hasSize(1);
        assertThat(json(run.out())).isEqualTo(json(encrataWebhook(ENCRATA_SECRET, true)));
        assertThat(run.err()).isEqualTo("note: the secret in this output is shown only this once and will not be "
                + "shown again: store it now (ENCRATA_WEBHOOK_SECRET)" + N);
    }

    @Test
    void aCreateAnswerWithoutASecretSaysSo() {
        server.enqueue("POST", "/v0/webhooks", Response.json(200, exaWebhook(null)));

        CliRun run = run("webhooks", "create", "--provider", "exa", "--url", "https://x", "--events", "webset.idle");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.out()).doesNotContain("secret:");
        assertThat(run.err()).isEqualTo("warning: exa returned no secret for the new webhook; it cannot be had later" + N);
    }

    @Test
    void listWalksExasPagesAndPrintsOneLineOrOneJsonDocumentPerWebhook() {
        String page1 = "{\"data\":[" + exaWebhook(null) + "],\"hasMore\":true,\"nextCursor\":\"c2\"}";
        String page2 = "{\"data\":[" + exaWebhook(null).replace("webhook_01", "webhook_02")
                .replace("\"active\"", "\"inactive\"") + "],\"hasMore\":false,\"nextCursor\":null}";
        server.enqueue("GET", "/v0/webhooks", Response.json(200, page1), Response.json(200, page2),
                Response.json(200, page1), Response.json(200, page2));

        CliRun text = run("webhooks", "list", "--provider", "exa");
        CliRun json = run("webhooks", "list", "--provider", "exa", "--json");

        assertThat(text.status()).isEqualTo(Hookline.OK);
        assertThat(text.outLines()).containsExactly(
                "webhook_01  active  https://example.com/hooks  webset.item.created,webset.idle",
                "webhook_02  inactive  https://example.com/hooks  webset.item.created,webset.idle");
        assertThat(json.outLines()).hasSize(2);
        JsonNode first = json(json.outLines().get(0));
        assertThat(first.get("id").asString()).isEqualTo("webhook_01");
        assertThat(first.get("status").asString()).isEqualTo("active");
        assertThat(first.get("createdAt").asString()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(json(json.outLines().get(1)).get("id").asString()).isEqualTo("webhook_02");
        assertThat(server.requests()).extracting(Request::rawQuery)
                .containsExactly("limit=200", "cursor=c2&limit=200", "limit=200", "cursor=c2&limit=200");
    }

    @Test
    void aLimitOrCursorAsksForOnePageAndNamesTheNextCursor() {
        server.enqueue("GET", "/v0/webhooks",
                Response.json(200, "{\"data\":[" + exaWebhook(null) + "],\"hasMore\":true,\"nextCursor\":\"c2\"}"));

        CliRun run = run("webhooks", "list", "--provider", "exa", "--limit", "1");

        assertThat(run.outLines()).hasSize(1);
        assertThat(run.err()).isEqualTo("more: --cursor c2" + N);
        assertThat(server.onlyRequest().rawQuery()).isEqualTo("limit=1");
    }

    @Test
    void encrataListsGetsAndShowsPausedWebhooks() {
        server.enqueue("GET", "/api/webhooks", Response.json(200, "[" + encrataWebhook(null, false) + "]"),
                Response.json(200, encrataWebhook(null, true)));

        CliRun list = run("webhooks", "list", "--provider", "encrata");
        CliRun get = run("webhooks", "get", "--provider", "encrata", "--id", "7d9f");

        assertThat(list.outLines()).containsExactly("7d9f  paused  https://example.com/enc  lookup.completed");
        assertThat(get.outLines()).containsExactly(
                "id:          7d9f",
                "status:      active",
                "url:         https://example.com/enc",
                "events:      lookup.completed",
                "description: CRM",
                "workspace:   ws_1",
                "created:     2026-05-02T12:00:00Z by ana",
                "updated:     2026-05-02T12:30:00Z");
        assertThat(server.requests().get(1).rawQuery()).isEqualTo("id=7d9f");
    }

    @Test
    void updateSendsOnlyWhatIsGiven() {
        server.on("PATCH", "/v0/webhooks/webhook_01", request -> Response.json(200, exaWebhook(null)));
        server.on("PUT", "/api/webhooks", request -> Response.json(200, encrataWebhook(null, false)));

        CliRun exa = run("webhooks", "update", "--provider", "exa", "--id", "webhook_01", "--events", "webset.idle");
        CliRun encrata = run("webhooks", "update", "--provider", "encrata", "--id", "7d9f", "--pause", "--json");

        assertThat(exa.status()).isEqualTo(Hookline.OK);
        assertThat(exa.outLines()).contains("id:          webhook_01");
        assertThat(json(server.requests().get(0).bodyText())).isEqualTo(json("{\"events\":[\"webset.idle\"]}"));
        assertThat(encrata.status()).isEqualTo(Hookline.OK);
        assertThat(json(server.requests().get(1).bodyText())).isEqualTo(json("{\"id\":\"7d9f\",\"is_active\":false}"));
        assertThat(json(encrata.out()).get("is_active").asBoolean()).isFalse();
    }

    @Test
    void deleteRemovesTheWebhook() {
        server.on("DELETE", "/v0/webhooks/webhook_01", request -> Response.json(200, exaWebhook(null)));
        server.on("DELETE", "/api/webhooks", request -> Response.json(200, "{\"success\":true}"));

        CliRun exa = run("webhooks", "delete", "--provider", "exa", "--id", "webhook_01");
        CliRun encrata = run("webhooks", "delete", "--provider", "encrata", "--id", "7d9f", "--json");

        assertThat(exa.outLines()).containsExactly("deleted exa webhook webhook_01");
        assertThat(json(encrata.out())).isEqualTo(json("{\"id\":\"7d9f\",\"deleted\":true}"));
        assertThat(server.requests()).extracting(Request::method).containsExactly("DELETE", "DELETE");
        assertThat(server.requests().get(1).rawQuery()).isEqualTo("id=7d9f");
    }

    @Test
    void attemptsAreFilteredAndListed() {
        server.enqueue("GET", "/v0/webhooks/webhook_01/attempts", Response.json(200, """
                {"data":[{"id":"a1","eventId":"event_9","eventType":"webset.idle","successful":false,
                  "responseStatusCode":500,"attempt":2,"attemptedAt":"2026-01-02T03:04:05Z"}],"hasMore":false}"""));
        server.enqueue("GET", "/api/webhooks/deliveries", Response.json(200, """
                [{"id":"d1","event_type":"lookup.completed","status":"success","attempts":1,"response_status":204,
                  "created_at":"2026-05-02T12:00:00Z"}]"""));

        CliRun exa = run("webhooks", "attempts", "--provider", "exa", "--id", "webhook_01", "--event-type",
                "webset.idle", "--successful", "false");
        CliRun encrata = run("webhooks", "attempts", "--provider", "encrata", "--id", "7d9f");

        assertThat(exa.outLines()).containsExactly(
                "2026-01-02T03:04:05Z  webset.idle  event=event_9  attempt=2  -> 500 failed");
        assertThat(server.requests().get(0).rawQuery()).isEqualTo("limit=200&eventType=webset.idle&successful=false");
        assertThat(encrata.outLines()).containsExactly(
                "2026-05-02T12:00:00Z  lookup.completed  id=d1  success  attempts=1  -> 204");
        assertThat(server.requests().get(1).rawQuery()).isEqualTo("webhook_id=7d9f");
    }

    @Test
    void encrataSendsATestEvent() {
        server.enqueue("POST", "/api/webhooks/test", Response.json(200, "{\"success\":true,\"signature\":\"c30a\"}"));

        CliRun run = run("webhooks", "test", "--provider", "encrata", "--id", "7d9f");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.outLines()).containsExactly("encrata sent a test event to webhook 7d9f, signed c30a");
        assertThat(json(server.onlyRequest().bodyText())).isEqualTo(json("{\"id\":\"7d9f\"}"));
    }

    @Test
    void noOutputButCreatesShowsASecretOrAKey() {
        server.on("GET", "/v0/webhooks/webhook_01", request -> Response.json(200, exaWebhook(null)));
        server.on("GET", "/api/webhooks", request -> Response.json(200, encrataWebhook(null, true)));

        String everything = run("webhooks", "get", "--provider", "exa", "--id", "webhook_01").toString()
                + run("webhooks", "get", "--provider", "encrata", "--id", "7d9f", "--json")
                + run("webhooks", "list", "--provider", "encrata");

        assertThat(everything).doesNotContain(EXA_KEY, ENCRATA_KEY, "whsec_");
    }
}
