package dev.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureSchemes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonEnvelopeTest {

    private static WebhookEvent parse(EnvelopeFormat format, Headers headers, String body) {
        return TestEvents.read("test", format, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static PayloadFailure failureOf(EnvelopeFormat format, String body) {
        try {
            parse(format, Headers.empty(), body);
        } catch (MalformedPayloadException e) {
            return e.failure();
        }
        throw new AssertionError("parsed: " + body);
    }

    @Test
    void exaEnvelopeYieldsIdTypeTimeAndData() {
        WebhookEvent event = parse(Providers.exa().envelope(), Headers.empty(),
                "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"webset.created\",\"data\":{\"id\":\"webset_1\"},"
                        + "\"createdAt\":\"2025-11-12T21:50:51.207Z\"}");

        assertThat(event.id()).isEqualTo("evt_1");
        assertThat(event.type()).isEqualTo("webset.created");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-12T21:50:51.207Z"));
        assertThat(event.data().get("id").stringValue()).isEqualTo("webset_1");
        assertThat(event.provider()).isEqualTo("test");
    }

    @Test
    void standardWebhooksTakeTheIdFromTheHeader() {
        WebhookEvent event = parse(Providers.standardWebhooks().envelope(),
                Headers.of(Map.of("Webhook-Id", "msg_1")),
                "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-05-02T12:00:00+02:00\",\"data\":{}}");

        assertThat(event.id()).isEqualTo("msg_1");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-05-02T10:00:00Z"));
    }

    @Test
    void encrataIdIsTheSha256OfTheBody() {
        String body = "{\"event\":\"credits.low\",\"data\":{},\"created_at\":\"2026-05-02T12:00:00Z\"}";
        WebhookEvent event = parse(Providers.encrata().envelope(), Headers.empty(), body);

        // sha256 of the exact body bytes, computed independently
        assertThat(event.id()).isEqualTo(sha256Hex(body));
        assertThat(event.type()).isEqualTo("credits.low");
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "[1,2]", "\"text\"", "42", "null", "{\"type\":\"a\",\"id\":\"b\"} trailing",
            "{\"type\":\"a\",\"id\":", "{\"type\":\"a\",\"id\":\"b\",}"})
    void bodiesThatAreNotOneJsonObjectAreNotJson(String body) {
        assertThat(failureOf(Providers.exa().envelope(), body)).isEqualTo(PayloadFailure.NOT_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"e\"}", "{\"id\":\"e\",\"type\":\"\"}", "{\"id\":\"e\",\"type\":null}",
            "{\"id\":\"e\",\"type\":7}", "{\"id\":\"e\",\"type\":{\"a\":1}}"})
    void anEnvelopeWithoutAStringTypeLacksItsType(String body) {
        assertThat(failureOf(Providers.exa().envelope(), body)).isEqualTo(PayloadFailure.MISSING_EVENT_TYPE);
    }

    @Test
    void anExaEnvelopeWithoutAnIdLacksItsId() {
        assertThat(failureOf(Providers.exa().envelope(), "{\"type\":\"webset.created\",\"data\":{}}"))
                .isEqualTo(PayloadFailure.MISSING_EVENT_ID);
    }

    @Test
    void deeplyNestedJsonIsRefusedAsNotJson() {
        String deep = "{\"id\":\"e\",\"type\":\"t\",\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(failureOf(Providers.exa().envelope(), deep)).isEqualTo(PayloadFailure.NOT_JSON);
    }

    @Test
    void theParserMessageNeverReachesTheException() {
        assertThatThrownBy(() -> parse(Providers.exa().envelope(), Headers.empty(), "{\"secret-ish\": tru"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("The payload is not a JSON object.")
                .hasNoCause();
    }

    @Test
    void anUnreadableTimeIsNullRatherThanAnError() {
        WebhookEvent event = parse(Providers.exa().envelope(), Headers.empty(),
                "{\"id\":\"e\",\"type\":\"t\",\"createdAt\":\"yesterday\"}");

        assertThat(event.createdAt()).isNull();
        assertThat(event.data().isMissingNode()).isTrue();
    }

    @Test
    void aTimeWithoutAnOffsetIsTakenAsUtc() {
        WebhookEvent event = parse(Providers.encrata().envelope(), Headers.empty(),
                "{\"event\":\"credits.low\",\"data\":{},\"created_at\":\"2026-05-02T12:00:00\"}");

        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-05-02T12:00:00Z"));
    }

    @Test
    void unixSecondsAreAcceptedAsATime() {
        EnvelopeFormat format = JsonEnvelope.builder().idField("id").typeField("type").timeField("created").build();
        WebhookEvent event = parse(format, Headers.empty(), "{\"id\":\"e\",\"type\":\"t\",\"created\":1614265330}");

        assertThat(event.createdAt()).isEqualTo(Instant.ofEpochSecond(1614265330));
    }

    @Test
    void aHeaderTypedEnvelopeCanUseTheWholeBodyAsData() {
        EnvelopeFormat github = JsonEnvelope.builder().idHeader("X-GitHub-Delivery").typeHeader("X-GitHub-Event")
                .wholeBodyAsData().build();
        WebhookEvent event = parse(github, Headers.of(Map.of("X-GitHub-Delivery", "d1", "X-GitHub-Event", "push")),
                "{\"ref\":\"refs/heads/main\"}");

        assertThat(event.id()).isEqualTo("d1");
        assertThat(event.type()).isEqualTo("push");
        assertThat(event.data().get("ref").stringValue()).isEqualTo("refs/heads/main");
    }

    @Test
    void aBareBuilderReadsTheIdTypeAndDataFieldsMostSendersUse() {
        WebhookEvent event = parse(JsonEnvelope.builder().build(), Headers.empty(),
                "{\"id\":\"evt_9\",\"type\":\"order.paid\",\"data\":{\"total\":3}}");

        assertThat(event.id()).isEqualTo("evt_9");
        assertThat(event.type()).isEqualTo("order.paid");
        assertThat(event.data().get("total").intValue()).isEqualTo(3);
        assertThat(event.createdAt()).isNull();
        assertThat(failureOf(JsonEnvelope.builder().build(), "{\"type\":\"order.paid\"}"))
                .isEqualTo(PayloadFailure.MISSING_EVENT_ID);
    }

    @Test
    void aStripeOrGitHubStyleSchemeIsOneLineAwayFromAProvider() {
        Provider stripeStyle = new Provider("payments", SignatureSchemes.stripe(), JsonEnvelope.builder().build());

        assertThat(stripeStyle.readsUnsignedHeaders()).isFalse();
        assertThat(stripeStyle.envelope().headersRead()).isEmpty();
    }

    @Test
    void dataThatIsAbsentCannotBindToARecord() {
        record Thing(String id) {
        }
        WebhookEvent event = parse(Providers.exa().envelope(), Headers.empty(), "{\"id\":\"e\",\"type\":\"t\",\"data\":null}");

        assertThatThrownBy(() -> event.dataAs(Thing.class))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.INVALID_EVENT_DATA));
    }
}
