package dev.hookline.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.providers.FakeProviderServer.Request;
import dev.hookline.providers.FakeProviderServer.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every Encrata call: its method, path, query, headers and body on the wire, and how its answer reads. */
class EncrataClientTest {

    private static final String KEY = "enc_live_0123456789abcdef";
    private static final String SECRET = "whsec_6cce5d5445b12e649ce9e715a2ef4addc9117d6bf3013a0f388997ed20711b1c";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String WEBHOOK = """
            {"id":"0b7c9a52-1111-4c5e-9d1a-6a1f0e6f0a01","workspace_id":"ws_1","url":"https://example.com/enc",
             "secret":null,"events":["lookup.completed"],"is_active":true,"description":"CRM",
             "created_by":"user_1","created_at":"2026-05-02T12:00:00Z","updated_at":"2026-05-02T12:30:00Z",
             "rate_limit":{"per_minute":60}}""";
    private static final String ID = "0b7c9a52-1111-4c5e-9d1a-6a1f0e6f0a01";

    private FakeProviderServer server;
    private EncrataClient encrata;

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
        encrata = EncrataClient.builder(KEY).baseUrl(server.url()).sleeper(new RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static void assertEncrataHeaders(Request request) {
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("x-api-key")).isNull();
        assertThat(request.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void createWebhookPostsUrlEventsAndDescriptionAndReturnsTheSecret() {
        server.enqueue("POST", "/api/webhooks",
                Response.json(201, WEBHOOK.replace("\"secret\":null", "\"secret\":\"" + SECRET + "\"")));

        EncrataWebhook created = encrata.createWebhook("https://example.com/enc",
                List.of("lookup.completed", "credits.low"), "CRM");

        Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/webhooks");
        assertEncrataHeaders(request);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(request.bodyText())).isEqualTo(json(
                "{\"url\":\"https://example.com/enc\",\"events\":[\"lookup.completed\",\"credits.low\"],"
                        + "\"description\":\"CRM\"}"));
        assertThat(created).isEqualTo(new EncrataWebhook(ID, "ws_1", "https://example.com/enc", SECRET,
                List.of("lookup.completed"), true, "CRM", "user_1", Instant.parse("2026-05-02T12:00:00Z"),
                Instant.parse("2026-05-02T12:30:00Z")));
        assertThat(created.toString()).contains("secret=******").doesNotContain(SECRET);
    }

    @Test
    void listWebhooksReadsABareArrayOrAWrappedOne() {
        server.enqueue("GET", "/api/webhooks", Response.json(200, "[" + WEBHOOK + "]"),
                Response.json(200, "{\"data\":[" + WEBHOOK + "," + WEBHOOK + "]}"),
                Response.json(200, "{\"webhooks\":[]}"));

        assertThat(encrata.listWebhooks()).extracting(EncrataWebhook::id).containsExactly(ID);
        assertThat(encrata.listWebhooks()).hasSize(2);
        assertThat(encrata.listWebhooks()).isEmpty();
        List<Request> requests = server.requests();
        assertThat(requests).extracting(Request::method).containsOnly("GET");
        assertThat(requests).extracting(Request::rawQuery).containsOnlyNulls();
        requests.forEach(EncrataClientTest::assertEncrataHeaders);
    }

    @Test
    void getWebhookAsksByIdInTheQuery() {
        server.enqueue("GET", "/api/webhooks", Response.json(200, WEBHOOK),
                Response.json(200, "{\"data\":" + WEBHOOK + "}"),
                Response.json(200, "[" + WEBHOOK.replace(ID, "other") + "," + WEBHOOK + "]"));

        assertThat(encrata.getWebhook(ID).url()).isEqualTo("https://example.com/enc");
        assertThat(encrata.getWebhook(ID).id()).isEqualTo(ID);
        assertThat(encrata.getWebhook(ID).id()).isEqualTo(ID);
        assertThat(server.requests()).extracting(r -> r.queryFirst("id")).containsOnly(ID);
    }

    @Test
    void updatePutsTheIdAndOnlyWhatChanges_pauseSendsIsActiveFalse() {
        server.on("PUT", "/api/webhooks", request -> Response.json(200, WEBHOOK.replace("\"is_active\":true",
                "\"is_active\":" + json(request.bodyText()).path("is_active").asBoolean(true))));

        EncrataWebhook changed = encrata.updateWebhook(EncrataWebhookUpdate.of(ID)
                .withUrl("https://example.com/v2").withEvents(List.of("credits.low")).withDescription("v2"));
        EncrataWebhook paused = encrata.pauseWebhook(ID);
        EncrataWebhook resumed = encrata.resumeWebhook(ID);

        List<Request> requests = server.requests();
        assertThat(requests).extracting(Request::method).containsOnly("PUT");
        requests.forEach(EncrataClientTest::assertEncrataHeaders);
        assertThat(json(requests.get(0).bodyText())).isEqualTo(json("{\"id\":\"" + ID + "\","
                + "\"url\":\"https://example.com/v2\",\"events\":[\"credits.low\"],\"description\":\"v2\"}"));
        assertThat(json(requests.get(1).bodyText())).isEqualTo(json("{\"id\":\"" + ID + "\",\"is_active\":false}"));
        assertThat(json(requests.get(2).bodyText())).isEqualTo(json("{\"id\":\"" + ID + "\",\"is_active\":true}"));
        assertThat(changed.active()).isTrue();
        assertThat(paused.active()).isFalse();
        assertThat(resumed.active()).isTrue();
    }

    @Test
    void deleteSendsTheIdInTheQuery() {
        server.enqueue("DELETE", "/api/webhooks", Response.json(200, "{\"success\":true}"));

        encrata.deleteWebhook(ID);

        Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.rawQuery()).isEqualTo("id=" + ID);
        assertThat(request.body()).isEmpty();
        assertEncrataHeaders(request);
    }

    @Test
    void aDeleteSucceedsOnAny2xxWhateverItsBody() {
        server.enqueue("DELETE", "/api/webhooks", new Response(200, Map.of("Content-Type", "text/plain"), "OK"),
                new Response(204, Map.of(), null));

        encrata.deleteWebhook(ID);
        encrata.deleteWebhook(ID);

        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aTestDeliveryPostsTheIdAndReadsTheSignature() {
        server.enqueue("POST", "/api/webhooks/test",
                Response.json(200, "{\"success\":true,\"signature\":\"c30a877f5d6c\"}"),
                Response.json(200, "{\"data\":{\"signature\":\"abc\"}}"),
                Response.json(200, "{\"ok\":true}"));

        assertThat(encrata.sendTestEvent(ID).signature()).isEqualTo("c30a877f5d6c");
        assertThat(encrata.sendTestEvent(ID).signature()).isEqualTo("abc");
        assertThat(encrata.sendTestEvent(ID).signature()).isNull();

        Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/webhooks/test");
        assertThat(json(request.bodyText())).isEqualTo(json("{\"id\":\"" + ID + "\"}"));
        assertEncrataHeaders(request);
    }

    @Test
    void deliveriesAreListedByWebhookId() {
        server.enqueue("GET", "/api/webhooks/deliveries", Response.json(200, """
                {"deliveries":[{"id":"d1","webhook_id":"%s","event_type":"lookup.completed",
                  "payload":{"event":"lookup.completed","data":{"email":"a@b.c"},"created_at":"2026-05-02T12:00:00Z"},
                  "status":"failed","attempts":5,"response_status":500,"response_body":"down",
                  "last_attempt_at":"2026-05-02T13:00:00Z","created_at":"2026-05-02T12:00:00Z"},
                  {"id":"d2","status":"delivered_eventually"}]}""".formatted(ID)));

        List<EncrataDelivery> deliveries = encrata.listDeliveries(ID);

        Request request = server.onlyRequest();
        assertThat(request.path()).isEqualTo("/api/webhooks/deliveries");
        assertThat(request.rawQuery()).isEqualTo("webhook_id=" + ID);
        assertEncrataHeaders(request);
        EncrataDelivery first = deliveries.get(0);
        assertThat(first.status()).isEqualTo(EncrataDelivery.Status.FAILED);
        assertThat(first.attempts()).isEqualTo(5);
        assertThat(first.responseStatus()).isEqualTo(500);
        assertThat(first.payload().path("data").path("email").asString()).isEqualTo("a@b.c");
        assertThat(first.lastAttemptAt()).isEqualTo(Instant.parse("2026-05-02T13:00:00Z"));
        assertThat(first.toString()).doesNotContain("a@b.c", "down");
        assertThat(deliveries.get(1).status()).isEqualTo(EncrataDelivery.Status.UNKNOWN);
    }

    @Test
    void aMissingWebhookIsNotFound() {
        server.enqueue("GET", "/api/webhooks", Response.json(404, "{\"error\":\"Webhook not found\"}"),
                Response.json(200, "[]"));

        assertThatThrownBy(() -> encrata.getWebhook("nope")).isInstanceOfSatisfying(ProviderApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("encrata GET /api/webhooks answered 404 (not found): Webhook not found");
        });
        assertThatThrownBy(() -> encrata.getWebhook("nope")).isInstanceOfSatisfying(ProviderApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("encrata GET /api/webhooks: the answer lists no webhook with that id");
        });
    }

    @Test
    void theDefaultBaseUrlIsEncratas() {
        assertThat(EncrataClient.builder(KEY).build().baseUrl()).hasToString("https://encrata.com");
        assertThat(encrata.toString()).doesNotContain(KEY);
    }
}
