package dev.hookline.encrata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Payloads;
import dev.hookline.Providers;
import dev.hookline.delivery.Headers;
import dev.hookline.event.EventType;
import dev.hookline.event.TestEvents;
import dev.hookline.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class EncrataEventsTest {


    /** The body of the documented signature test vector. */
    private static final String TEST_VECTOR_BODY =
            "{\"event\":\"test\",\"data\":{\"message\":\"This is a test webhook from Encrata\"},"
                    + "\"created_at\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void catalogueListsExactlyTheSevenDocumentedTypes() {
        assertThat(EncrataEvents.catalog().types()).hasSize(7);
        assertThat(EncrataEvents.catalog().types()).extracting(EventType::name).containsExactlyInAnyOrder(
                "lookup.completed", "monitor.run.completed", "apikey.created", "apikey.revoked",
                "credits.low", "credits.exhausted", "test");
    }

    @Test
    void encrataProviderUsesTheCatalogue() {
        assertThat(Providers.encrata().catalog()).isSameAs(EncrataEvents.catalog());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "lookup.completed,      LOOKUP_COMPLETED,      LookupCompleted",
        "monitor.run.completed, MONITOR_RUN_COMPLETED, MonitorRunCompleted",
        "apikey.created,        APIKEY_CREATED,        JsonNode",
        "apikey.revoked,        APIKEY_REVOKED,        JsonNode",
        "credits.low,           CREDITS_LOW,           JsonNode",
        "credits.exhausted,     CREDITS_EXHAUSTED,     JsonNode",
        "test,                  TEST,                  TestEvent",
    })
    void eachConstantHasItsWireNameAndDataType(String name, String constant, String dataType) throws Exception {
        EventType<?> key = (EventType<?>) EncrataEvents.class.getField(constant).get(null);

        assertThat(key.name()).isEqualTo(name);
        assertThat(key.dataType().getSimpleName()).isEqualTo(dataType);
        assertThat(EncrataEvents.catalog().find(name)).containsSame(key);
    }

    @Test
    void everyCatalogueTypeHasExactlyOneFixture() {
        assertThat(fixtureTypes()).containsExactlyInAnyOrderElementsOf(
                EncrataEvents.catalog().types().stream().map(EventType::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureTypes")
    void everyFixtureParsesAndBindsToItsCataloguedType(String fixture) {
        byte[] body = bytes(fixture);
        WebhookEvent event = parse(body);

        assertThat(event.provider()).isEqualTo("encrata");
        assertThat(event.type()).isEqualTo(fixture);
        assertThat(event.id()).matches("[0-9a-f]{64}").isEqualTo(sha256Hex(body));
        assertThat(event.createdAt()).isNotNull();

        EventType<?> key = EncrataEvents.catalog().find(event.type()).orElseThrow();
        assertThat(key.appliesTo(event)).isTrue();
        assertThat(event.data(key)).isInstanceOf(key.dataType());
    }

    @Test
    void lookupCompleted() {
        WebhookEvent event = parse(bytes("lookup.completed"));

        assertThat(event.id()).isEqualTo("2e788033c116077569b687e6bec77618626180fe0b2890d7e60f3012e62c101c");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-05-02T12:00:00Z"));
        assertThat(event.data(EncrataEvents.LOOKUP_COMPLETED))
                .isEqualTo(new LookupCompleted("satya@microsoft.com", "lu_abc123", null));
    }

    @Test
    void lookupCompletedWithoutLookupId() {
        WebhookEvent event = parse("""
                {"event":"lookup.completed","data":{"email":"ada@example.com"},"created_at":"2026-05-02T12:00:00Z"}""");

        assertThat(event.data(EncrataEvents.LOOKUP_COMPLETED))
                .isEqualTo(new LookupCompleted("ada@example.com", null, null));
    }

    @Test
    void monitorRunCompletedMapsSnakeCaseFields() {
        WebhookEvent event = parse(bytes("monitor.run.completed"));

        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-05-04T12:30:00Z"));
        assertThat(event.data(EncrataEvents.MONITOR_RUN_COMPLETED)).isEqualTo(new MonitorRunCompleted(
                "a1b2c3d4-...", "Engineering team", "b2c3d4e5-...", 25, 3, 25, null));
    }

    @Test
    void monitorRunCompletedIgnoresUnknownFields() {
        WebhookEvent event = parse("""
                {"event":"monitor.run.completed","data":{"monitor_id":"m1","run_id":"r1","total_records":4,\
                "changes_detected":0,"credits_used":4,"duration_ms":5120,"region":"eu"},"extra":true,\
                "created_at":"2026-05-04T12:30:00Z"}""");

        assertThat(event.data(EncrataEvents.MONITOR_RUN_COMPLETED))
                .isEqualTo(new MonitorRunCompleted("m1", null, "r1", 4, 0, 4, null));
    }

    @Test
    void testEventIsTheSignatureVectorBody() {
        byte[] body = bytes("test");
        WebhookEvent event = parse(body);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(TEST_VECTOR_BODY);
        // SHA-256 of the vector body, computed independently (sha256sum)
        assertThat(event.id()).isEqualTo("8e27f22397e1bcf5633f7b0bb75eda0e2c7053d6c7d1644b94b04daf654bb9e6");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(event.data(EncrataEvents.TEST))
                .isEqualTo(new TestEvent("This is a test webhook from Encrata", null));
    }

    @Test
    void dashboardTestResendOfARealTypeIsFlagged() {
        WebhookEvent event = parse("""
                {"event":"lookup.completed","data":{"email":"satya@microsoft.com","lookup_id":"lu_abc123",\
                "test":true},"created_at":"2026-05-02T12:00:00Z"}""");

        LookupCompleted lookup = event.data(EncrataEvents.LOOKUP_COMPLETED);
        assertThat(lookup.test()).isTrue();
        assertThat(lookup.email()).isEqualTo("satya@microsoft.com");
    }

    @Test
    void undocumentedTypesStayRawJson() {
        WebhookEvent created = parse(bytes("apikey.created"));
        JsonNode key = created.data(EncrataEvents.APIKEY_CREATED);
        assertThat(key).isSameAs(created.data());
        assertThat(key.get("key_id").stringValue()).isEqualTo("key_3f9a71c2");
        assertThat(key.get("name").stringValue()).isEqualTo("CI pipeline");
        assertThat(key.get("prefix").stringValue()).isEqualTo("enc_live_3f9a");

        JsonNode revoked = parse(bytes("apikey.revoked")).data(EncrataEvents.APIKEY_REVOKED);
        assertThat(revoked.get("key_id").stringValue()).isEqualTo("key_3f9a71c2");
        assertThat(revoked.get("revoked_at").stringValue()).isEqualTo("2026-05-20T16:02:41Z");

        JsonNode low = parse(bytes("credits.low")).data(EncrataEvents.CREDITS_LOW);
        assertThat(low.get("credits_remaining").intValue()).isEqualTo(480);
        assertThat(low.get("threshold").intValue()).isEqualTo(500);

        WebhookEvent exhausted = parse(bytes("credits.exhausted"));
        assertThat(exhausted.createdAt()).isEqualTo(Instant.parse("2026-05-22T13:20:03Z"));
        assertThat(exhausted.data(EncrataEvents.CREDITS_EXHAUSTED).get("credits_remaining").intValue()).isZero();
    }

    @Test
    void eventIdDependsOnlyOnTheExactBytes() {
        String compact = new String(bytes("lookup.completed"), StandardCharsets.UTF_8);
        String spaced = compact.replace("\",\"", "\", \"");

        assertThat(parse(compact).id()).isEqualTo(parse(compact).id());
        assertThat(parse(spaced).id()).isEqualTo(sha256Hex(spaced.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(parse(compact).id());
    }

    static List<String> fixtureTypes() {
        return Payloads.types("encrata");
    }

    private static byte[] bytes(String type) {
        return Payloads.bytes("encrata", type);
    }

    private static WebhookEvent parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookEvent parse(byte[] body) {
        return TestEvents.read(Providers.encrata(), Headers.empty(), body);
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
