package dev.hookline.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.exa.ExaEvents;
import dev.hookline.exa.WebsetItem;
import dev.hookline.providers.FakeProviderServer.Request;
import dev.hookline.providers.FakeProviderServer.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every Exa call: its method, path, query, headers and body on the wire, and how its answer reads. */
class ExaClientTest {

    private static final String KEY = "exa_test_key_0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String WEBHOOK = """
            {"id":"webhook_01","object":"webhook","status":"active","events":["webset.item.created"],
             "url":"https://example.com/hooks","secret":null,"metadata":{"team":"growth"},
             "createdAt":"2026-01-02T03:04:05.678Z","updatedAt":"2026-01-02T03:04:05.678Z","addedLater":{"x":1}}""";

    private FakeProviderServer server;
    private ExaClient exa;

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
        exa = ExaClient.builder(KEY).baseUrl(server.url() + "/websets").sleeper(new RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static void assertExaHeaders(Request request) {
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.rawQuery() == null ? "" : request.rawQuery()).doesNotContain(KEY);
    }

    @Test
    void createWebhookPostsEventsUrlAndMetadataAndReturnsTheSecretOnce() {
        server.enqueue("POST", "/websets/v0/webhooks", Response.json(200,
                WEBHOOK.replace("\"secret\":null", "\"secret\":\"whsec_exa_created_secret_value\"")));

        ExaWebhook created = exa.createWebhook("https://example.com/hooks",
                List.of("webset.item.created", "webset.idle"), Map.of("team", "growth"));

        Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/websets/v0/webhooks");
        assertThat(request.rawQuery()).isNull();
        assertExaHeaders(request);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(request.bodyText())).isEqualTo(json(
                "{\"events\":[\"webset.item.created\",\"webset.idle\"],\"url\":\"https://example.com/hooks\","
                        + "\"metadata\":{\"team\":\"growth\"}}"));
        assertThat(created.id()).isEqualTo("webhook_01");
        assertThat(created.status()).isEqualTo(ExaWebhook.Status.ACTIVE);
        assertThat(created.secret()).isEqualTo("whsec_exa_created_secret_value");
        assertThat(created.metadata()).containsExactly(Map.entry("team", "growth"));
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(created.toString()).contains("secret=******").doesNotContain("whsec_exa_created_secret_value");
    }

    @Test
    void createWithoutMetadataSendsNone() {
        server.enqueue("POST", "/websets/v0/webhooks", Response.json(201, WEBHOOK));

        exa.createWebhook("https://example.com/hooks", List.of("webset.created"), null);

        assertThat(json(server.onlyRequest().bodyText())).isEqualTo(json(
                "{\"events\":[\"webset.created\"],\"url\":\"https://example.com/hooks\"}"));
    }

    @Test
    void getWebhookEncodesTheIdIntoThePath() {
        server.on("GET", "/websets/v0/webhooks/*", request -> Response.json(200, WEBHOOK));

        ExaWebhook webhook = exa.getWebhook("webhook 01/x");

        Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/websets/v0/webhooks/webhook%2001%2Fx");
        assertExaHeaders(request);
        assertThat(request.body()).isEmpty();
        assertThat(webhook.secret()).isNull();
        assertThat(webhook.toString()).contains("secret=null");
    }

    @Test
    void listWebhooksSendsCursorAndLimitAndReadsThePage() {
        server.enqueue("GET", "/websets/v0/webhooks",
                Response.json(200, "{\"data\":[" + WEBHOOK + "],\"hasMore\":true,\"nextCursor\":\"cur_2\"}"));

        Page<ExaWebhook> page = exa.listWebhooks("cur_1", 10);

        Request request = server.onlyRequest();
        assertThat(request.rawQuery()).isEqualTo("cursor=cur_1&limit=10");
        assertExaHeaders(request);
        assertThat(page.data()).extracting(ExaWebhook::id).containsExactly("webhook_01");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.nextCursor()).isEqualTo("cur_2");
    }

    @Test
    void allWebhooksWalksEveryPageToTheEndAndNoFurther() {
        server.enqueue("GET", "/websets/v0/webhooks",
                Response.json(200, "{\"data\":[" + WEBHOOK.replace("webhook_01", "w1") + "," + WEBHOOK.replace("webhook_01", "w2")
                        + "],\"hasMore\":true,\"nextCursor\":\"c2\"}"),
                Response.json(200, "{\"data\":[" + WEBHOOK.replace("webhook_01", "w3") + "],\"hasMore\":true,\"nextCursor\":\"c3\"}"),
                Response.json(200, "{\"data\":[" + WEBHOOK.replace("webhook_01", "w4") + "],\"hasMore\":false,\"nextCursor\":null}"));

        List<ExaWebhook> all = exa.allWebhooks().toList();

        assertThat(all).extracting(ExaWebhook::id).containsExactly("w1", "w2", "w3", "w4");
        assertThat(server.requests()).extracting(Request::rawQuery)
                .containsExactly("limit=200", "cursor=c2&limit=200", "cursor=c3&limit=200");
    }

    @Test
    void aStreamFetchesNothingUntilConsumedAndOnlyThePagesItNeeds() {
        server.enqueue("GET", "/websets/v0/webhooks",
                Response.json(200, "{\"data\":[" + WEBHOOK + "],\"hasMore\":true,\"nextCursor\":\"c2\"}"));

        var stream = exa.allWebhooks();
        assertThat(server.requests()).isEmpty();
        assertThat(stream.findFirst()).isPresent();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aCursorGivenTwiceStopsTheWalk() {
        String page = "{\"data\":[" + WEBHOOK + "],\"hasMore\":true,\"nextCursor\":\"same\"}";
        server.on("GET", "/websets/v0/webhooks", request -> Response.json(200, page));

        assertThatThrownBy(() -> exa.allWebhooks().toList())
                .isInstanceOfSatisfying(ProviderApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.UNEXPECTED_ANSWER));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void updateWebhookPatchesOnlyWhatChanges() {
        server.on("PATCH", "/websets/v0/webhooks/webhook_01", request -> Response.json(200, WEBHOOK));

        exa.updateWebhook("webhook_01", ExaWebhookUpdate.none().withUrl("https://example.com/new"));
        exa.updateWebhook("webhook_01", ExaWebhookUpdate.none().withEvents(List.of("webset.idle"))
                .withMetadata(Map.of("k", "v")));

        List<Request> requests = server.requests();
        assertThat(requests).extracting(Request::method).containsOnly("PATCH");
        requests.forEach(ExaClientTest::assertExaHeaders);
        assertThat(json(requests.get(0).bodyText())).isEqualTo(json("{\"url\":\"https://example.com/new\"}"));
        assertThat(json(requests.get(1).bodyText()))
                .isEqualTo(json("{\"events\":[\"webset.idle\"],\"metadata\":{\"k\":\"v\"}}"));
        assertThatThrownBy(() -> exa.updateWebhook("webhook_01", ExaWebhookUpdate.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteWebhookReturnsTheDeletedWebhook() {
        server.on("DELETE", "/websets/v0/webhooks/webhook_01", request -> Response.json(200, WEBHOOK));

        ExaWebhook deleted = exa.deleteWebhook("webhook_01");

        Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("DELETE");
        assertExaHeaders(request);
        assertThat(deleted.id()).isEqualTo("webhook_01");
    }

    @Test
    void listAttemptsFiltersByEventTypeAndSuccess() {
        server.enqueue("GET", "/websets/v0/webhooks/webhook_01/attempts", Response.json(200, """
                {"data":[{"id":"watt_1","object":"webhook_attempt","eventId":"event_9","eventType":"webset.idle",
                  "webhookId":"webhook_01","url":"https://example.com/hooks","successful":false,
                  "responseHeaders":{"content-type":"text/plain"},"responseBody":"boom","responseStatusCode":500,
                  "attempt":2,"attemptedAt":"2026-01-02T03:04:05Z"}],"hasMore":false,"nextCursor":null}"""));

        Page<ExaWebhookAttempt> page = exa.listAttempts("webhook_01",
                ExaAttemptQuery.all().eventType("webset.idle").successful(false).limit(50).cursor("c1"));

        Request request = server.onlyRequest();
        assertThat(request.queryParameters()).containsExactly(
                Map.entry("cursor", List.of("c1")), Map.entry("limit", List.of("50")),
                Map.entry("eventType", List.of("webset.idle")), Map.entry("successful", List.of("false")));
        assertExaHeaders(request);
        assertThat(page.data()).containsExactly(new ExaWebhookAttempt("watt_1", "webhook_attempt", "event_9",
                "webset.idle", "webhook_01", "https://example.com/hooks", false, Map.of("content-type", "text/plain"),
                "boom", 500, 2, Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void allAttemptsWalksThePages() {
        String attempt = "{\"id\":\"%s\",\"successful\":true}";
        server.enqueue("GET", "/websets/v0/webhooks/w/attempts",
                Response.json(200, "{\"data\":[" + attempt.formatted("a1") + "],\"hasMore\":true,\"nextCursor\":\"n\"}"),
                Response.json(200, "{\"data\":[" + attempt.formatted("a2") + "],\"hasMore\":false}"));

        assertThat(exa.allAttempts("w", ExaAttemptQuery.all().successful(true)).map(ExaWebhookAttempt::id))
                .containsExactly("a1", "a2");
        assertThat(server.requests()).extracting(Request::rawQuery)
                .containsExactly("limit=200&successful=true", "cursor=n&limit=200&successful=true");
    }

    @Test
    void listEventsSendsRepeatedTypesAndInclusiveTimesAndBindsDataWithTheCatalogue() {
        FakeExaEvents events = new FakeExaEvents(server, "/websets");
        events.add("event_1", "webset.item.created", Instant.parse("2026-03-01T10:00:00Z"));
        events.add("event_2", "webset.idle", Instant.parse("2026-03-01T11:00:00Z"));
        events.add("event_3", "import.created", Instant.parse("2026-03-01T12:00:00Z"));

        Page<ExaEvent> page = exa.listEvents(ExaEventQuery.all()
                .types(List.of("webset.item.created", "webset.idle"))
                .createdAfter(Instant.parse("2026-03-01T10:00:00Z"))
                .createdBefore(Instant.parse("2026-03-01T11:00:00Z"))
                .limit(5));

        Request request = server.onlyRequest();
        assertThat(request.path()).isEqualTo("/websets/v0/events");
        assertThat(request.rawQuery()).isEqualTo("limit=5&types=webset.item.created&types=webset.idle"
                + "&createdAfter=2026-03-01T10%3A00%3A00Z&createdBefore=2026-03-01T11%3A00%3A00Z");
        assertExaHeaders(request);
        assertThat(page.data()).extracting(ExaEvent::id).containsExactly("event_2", "event_1");
        ExaEvent item = page.data().get(1);
        assertThat(item.documentedType()).contains(ExaEvents.WEBSET_ITEM_CREATED);
        WebsetItem data = item.data(ExaEvents.WEBSET_ITEM_CREATED);
        assertThat(data.id()).isEqualTo("witem_event_1");
        assertThatThrownBy(() -> item.data(ExaEvents.WEBSET_IDLE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Event event_1 is a webset.item.created, not a webset.idle");
    }

    @Test
    void getEventAnd404WithTheProvidersMessage() {
        FakeExaEvents events = new FakeExaEvents(server, "/websets");
        events.add("event_1", "webset.idle", Instant.parse("2026-03-01T10:00:00Z"));

        ExaEvent event = exa.getEvent("event_1");
        assertThat(event.type()).isEqualTo("webset.idle");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));

        assertThatThrownBy(() -> exa.getEvent("event_missing"))
                .isInstanceOfSatisfying(ProviderApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.providerMessage()).contains("Event not found");
                    assertThat(e.getMessage()).isEqualTo(
                            "exa GET /v0/events/event_missing answered 404 (not found): Event not found");
                });
        assertThat(server.requests()).extracting(Request::path)
                .containsExactly("/websets/v0/events/event_1", "/websets/v0/events/event_missing");
    }

    @Test
    void anEventsJsonIsTheDeliveryEnvelope() {
        FakeExaEvents events = new FakeExaEvents(server, "/websets");
        events.add("event_1", "webset.idle", Instant.parse("2026-03-01T10:00:00.250Z"));

        ExaEvent event = exa.getEvent("event_1");

        assertThat(new String(event.toJson(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":\"event_1\",\"object\":\"event\",\"type\":\"webset.idle\",\"data\":{\"id\":\"witem_event_1\","
                        + "\"object\":\"webset_item\",\"source\":\"search\",\"websetId\":\"webset_01\"},"
                        + "\"createdAt\":\"2026-03-01T10:00:00.250Z\"}");
        assertThat(event.toString()).isEqualTo("ExaEvent[id=event_1, type=webset.idle, createdAt=2026-03-01T10:00:00.250Z]");
    }

    @Test
    void unknownFieldsAndValuesAreReadLeniently() {
        server.enqueue("GET", "/websets/v0/webhooks/w", Response.json(200,
                "{\"id\":\"w\",\"status\":\"suspended\",\"events\":[],\"brandNew\":[1,2,3]}"));

        ExaWebhook webhook = exa.getWebhook("w");

        assertThat(webhook.status()).isEqualTo(ExaWebhook.Status.UNKNOWN);
        assertThat(webhook.url()).isNull();
    }

    @Test
    void anAnswerThatIsNotTheDocumentedShapeIsAnUnexpectedAnswer() {
        server.enqueue("GET", "/websets/v0/webhooks/w", Response.json(200, "[1,2]"));
        server.enqueue("GET", "/websets/v0/webhooks", Response.json(200, "{\"data\":{\"not\":\"a list\"}}"));
        server.enqueue("GET", "/websets/v0/webhooks/x", new Response(200, Map.of(), "<html>hello</html>"));

        assertThatThrownBy(() -> exa.getWebhook("w")).isInstanceOfSatisfying(ProviderApiException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderApiException.Kind.UNEXPECTED_ANSWER));
        assertThatThrownBy(() -> exa.listWebhooks(null, null)).isInstanceOfSatisfying(ProviderApiException.class,
                e -> assertThat(e.getMessage()).isEqualTo("exa GET /v0/webhooks: the answer's data is not a list"));
        assertThatThrownBy(() -> exa.getWebhook("x")).isInstanceOfSatisfying(ProviderApiException.class,
                e -> assertThat(e.getMessage()).isEqualTo("exa GET /v0/webhooks/x: the answer (200) is not JSON"));
    }

    @Test
    void argumentsAreCheckedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> exa.createWebhook("https://x", List.of(), null))
                .hasMessage("A webhook needs at least one event type");
        assertThatThrownBy(() -> exa.getWebhook("")).hasMessage("An id is required");
        assertThatThrownBy(() -> ExaEventQuery.all().limit(201)).hasMessage("limit must be between 1 and 200, was 201");
        assertThatThrownBy(() -> ExaClient.builder(" key")).hasMessage(
                "The API key is blank or has leading or trailing whitespace");
        assertThatThrownBy(() -> ExaClient.builder("")).hasMessage("An API key is required");
        assertThatThrownBy(() -> ExaClient.builder("key\nInjected: 1")).hasMessage(
                "The API key holds characters that cannot be sent in a header");
        assertThatThrownBy(() -> ExaClient.builder(KEY).baseUrl("ftp://x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theDefaultBaseUrlIsExasAndATrailingSlashIsDropped() {
        assertThat(ExaClient.builder(KEY).build().baseUrl()).hasToString("https://api.exa.ai/websets");
        assertThat(ExaClient.builder(KEY).baseUrl("http://127.0.0.1:1/websets/").build().baseUrl())
                .hasToString("http://127.0.0.1:1/websets");
        assertThat(exa.toString()).doesNotContain(KEY);
    }
}
