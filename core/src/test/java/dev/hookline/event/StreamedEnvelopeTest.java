package dev.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Providers;
import dev.hookline.delivery.Headers;
import dev.hookline.exa.ExaEvents;
import dev.hookline.exa.Monitor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * The JSON envelope reads its fields in one streaming pass and binds the data from the body's bytes: what it gives
 * must be exactly what a tree of the whole body gives, and every malformed body it once refused is still refused,
 * wherever in the document the fault lies.
 */
class StreamedEnvelopeTest {

    private static final EnvelopeFormat EXA = Providers.exa().envelope();

    private static WebhookEvent read(String body) {
        return read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookEvent read(byte[] body) {
        return TestEvents.read("test", EXA, Headers.empty(), body);
    }

    record Item(String id, List<Integer> counts) {
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // an unknown escape, a raw control character and a bad number inside data the pass skips
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{\"a\":\"\\q\"}}",
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{\"a\":\"x\u0001y\"}}",
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{\"a\":01}}",
            "{\"id\":\"e\",\"type\":\"t\",\"data\":[1,]}",
            "{\"id\":\"e\",\"type\":\"t\",\"other\":{\"a\":tru}}",
            // content after the object
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{}} {}",
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{}} x",
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{}",
            "[{\"id\":\"e\",\"type\":\"t\"}]",
            ""})
    void aFaultAnywhereInTheDocumentIsNotJson(String body) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.NOT_JSON));
    }

    @Test
    void nestingBeyondTheBoundInsideSkippedDataIsNotJson() {
        int depth = EventJson.MAX_NESTING_DEPTH + 1;
        String body = "{\"id\":\"e\",\"type\":\"t\",\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertThatThrownBy(() -> read(body))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.NOT_JSON));
    }

    @Test
    void dataBindsFromItsBytesAfterAByteOrderMark() {
        byte[] json = "{\"id\":\"e\",\"type\":\"t\",\"data\":{\"id\":\"i_1\",\"counts\":[1,2]}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);

        WebhookEvent event = read(body);

        assertThat(event.dataAs(Item.class)).isEqualTo(new Item("i_1", List.of(1, 2)));
        assertThat(event.data()).isEqualTo(EventJson.mapper().readTree("{\"id\":\"i_1\",\"counts\":[1,2]}"));
    }

    @Test
    void theLastOfRepeatedFieldsCountsAsInATree() {
        WebhookEvent event = read("{\"id\":\"first\",\"type\":\"t\",\"data\":{\"id\":\"a\"},\"id\":\"second\","
                + "\"data\":{\"id\":\"b\",\"counts\":[3]},\"type\":\"u\"}");

        assertThat(event.id()).isEqualTo("second");
        assertThat(event.type()).isEqualTo("u");
        assertThat(event.dataAs(Item.class)).isEqualTo(new Item("b", List.of(3)));
        assertThat(event.data().get("id").stringValue()).isEqualTo("b");
    }

    @Test
    void aRepeatedFieldWhoseLastValueIsNotAStringIsAbsent() {
        assertThatThrownBy(() -> read("{\"id\":\"e\",\"type\":\"t\",\"type\":{\"name\":\"t\"}}"))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.MISSING_EVENT_TYPE));
        assertThatThrownBy(() -> read("{\"id\":\"e\",\"type\":\"t\",\"id\":7}"))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.MISSING_EVENT_ID));
    }

    @Test
    void scalarDataIsKeptAsItsValueAndBindsToNoRecord() {
        WebhookEvent text = read("{\"id\":\"e\",\"type\":\"t\",\"data\":\"plain\"}");
        WebhookEvent none = read("{\"id\":\"e\",\"type\":\"t\",\"data\":null}");

        assertThat(text.data().stringValue()).isEqualTo("plain");
        assertThat(text.dataAs(String.class)).isEqualTo("plain");
        assertThatThrownBy(() -> text.dataAs(Item.class))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.INVALID_EVENT_DATA));
        assertThat(none.data().isNull()).isTrue();
        assertThatThrownBy(() -> none.dataAs(Item.class))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.INVALID_EVENT_DATA));
    }

    @Test
    void theTreeAndEachTypeAreMadeOnceAndKept() {
        WebhookEvent event = read("{\"id\":\"e\",\"type\":\"t\",\"data\":{\"id\":\"i_1\",\"counts\":[]}}");

        assertThat(event.data()).isSameAs(event.data());
        assertThat(event.dataAs(JsonNode.class)).isSameAs(event.data());
        assertThat(event.dataAs(Item.class)).isSameAs(event.dataAs(Item.class));
        assertThat(event.dataAs(Object.class)).isSameAs(event.data());
    }

    @Test
    void theDataObjectRestrictionReadsOnlyTheTopLevelField() {
        WebhookEvent monitor = TestEvents.read(Providers.exa(), Headers.empty(), bytes(
                "{\"id\":\"e\",\"type\":\"monitor.created\",\"data\":{\"config\":{\"object\":\"monitor_run\"},"
                        + "\"object\":\"monitor_run\",\"object\":\"monitor\",\"id\":\"m_1\"}}"));
        WebhookEvent run = TestEvents.read(Providers.exa(), Headers.empty(), bytes(
                "{\"id\":\"e\",\"type\":\"monitor.created\",\"data\":{\"object\":\"monitor\",\"object\":\"monitor_run\"}}"));
        WebhookEvent unsaid = TestEvents.read(Providers.exa(), Headers.empty(), bytes(
                "{\"id\":\"e\",\"type\":\"monitor.created\",\"data\":{\"object\":7}}"));

        assertThat(ExaEvents.MONITOR_CREATED.appliesTo(monitor)).isTrue();
        assertThat(ExaEvents.MONITOR_CREATED.appliesTo(run)).isFalse();
        assertThat(ExaEvents.MONITOR_CREATED.appliesTo(unsaid)).isTrue();
        assertThat(monitor.data(ExaEvents.MONITOR_CREATED)).isInstanceOf(Monitor.class);
    }


    @Test
    void dataBindsWhileTheBodyIsReadWhenItsTypeIsKnownBeforeIt() {
        byte[] body = bytes("{\"id\":\"e\",\"type\":\"t\",\"data\":{\"id\":\"i_1\",\"counts\":[4]},"
                + "\"createdAt\":\"2026-01-02T03:04:05Z\"}");
        JavaType item = EventJson.mapper().constructType(Item.class);
        List<String> asked = new ArrayList<>();

        Envelope envelope = EXA.read(Headers.empty(), body, EventJson.mapper(), type -> {
            asked.add(type);
            return item;
        });
        WebhookEvent event = new WebhookEvent(verified(envelope, body), 1, envelope, EventJson.mapper());

        assertThat(asked).containsExactly("t");
        assertThat(envelope.boundValue()).isEqualTo(new Item("i_1", List.of(4)));
        assertThat(event.dataAs(Item.class)).isSameAs(envelope.boundValue());
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(event.data()).isEqualTo(EventJson.mapper().readTree("{\"id\":\"i_1\",\"counts\":[4]}"));
    }

    @Test
    void dataOfAnotherShapeFailsWhenAskedForAsIfBoundLater() {
        byte[] body = bytes("{\"id\":\"e\",\"type\":\"t\",\"data\":{\"id\":\"i_1\",\"counts\":\"many\"}}");
        Envelope envelope = EXA.read(Headers.empty(), body, EventJson.mapper(),
                type -> EventJson.mapper().constructType(Item.class));
        WebhookEvent event = new WebhookEvent(verified(envelope, body), 1, envelope, EventJson.mapper());

        assertThat(envelope.boundKey()).isNull();
        assertThat(event.data().get("counts").stringValue()).isEqualTo("many");
        assertThatThrownBy(() -> event.dataAs(Item.class))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.INVALID_EVENT_DATA));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{\"id\":\"i\",\"counts\":[1,]}}",
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{\"id\":\"i\",\"counts\":[1]},\"x\":}",
            "{\"id\":\"e\",\"type\":\"t\",\"data\":{\"id\":\"i\",\"counts\":[1]}} {}"})
    void aMalformedBodyIsNotJsonWhetherOrNotItsDataBound(String text) {
        assertThatThrownBy(() -> EXA.read(Headers.empty(), bytes(text), EventJson.mapper(),
                type -> EventJson.mapper().constructType(Item.class)))
                .isInstanceOfSatisfying(MalformedPayloadException.class,
                        e -> assertThat(e.failure()).isEqualTo(PayloadFailure.NOT_JSON));
    }

    @Test
    void dataBeforeItsTypeIsLocatedAndBoundLater() {
        byte[] body = bytes("{\"id\":\"e\",\"data\":{\"id\":\"i_1\",\"counts\":[]},\"type\":\"t\"}");
        List<String> asked = new ArrayList<>();
        Envelope envelope = EXA.read(Headers.empty(), body, EventJson.mapper(), type -> {
            asked.add(type);
            return EventJson.mapper().constructType(Item.class);
        });
        WebhookEvent event = new WebhookEvent(verified(envelope, body), 1, envelope, EventJson.mapper());

        assertThat(asked).isEmpty();
        assertThat(envelope.boundKey()).isNull();
        assertThat(event.dataAs(Item.class)).isEqualTo(new Item("i_1", List.of()));
    }

    @Test
    void eachByteIsCheckedAsUtf8WhereverItFallsAmongEightByteWords() {
        byte[][] wrong = {{0}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        byte[] right = {(byte) 0xC3, (byte) 0xA9, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};
        for (int at = 0; at < 17; at++) {
            for (byte[] bytes : wrong) {
                byte[] body = withInText(at, bytes);
                assertThatThrownBy(() -> read(body)).as("at %d", at)
                        .isInstanceOfSatisfying(MalformedPayloadException.class,
                                e -> assertThat(e.failure()).isEqualTo(PayloadFailure.NOT_JSON));
            }
            String text = new String(right, StandardCharsets.UTF_8);
            assertThat(read(withInText(at, right)).data().get("a").stringValue())
                    .isEqualTo("x".repeat(at) + text + "y".repeat(16 - at));
        }
    }

    /** A body whose data's one string holds {@code bytes} after {@code at} ASCII characters. */
    private static byte[] withInText(int at, byte[] bytes) {
        byte[] head = bytes("{\"id\":\"e\",\"type\":\"t\",\"data\":{\"a\":\"" + "x".repeat(at));
        byte[] tail = bytes("y".repeat(16 - at) + "\"}}");
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        return body;
    }

    private static VerifiedEvent verified(Envelope envelope, byte[] body) {
        return new VerifiedEvent("test", "exa", envelope.id(), envelope.type(), envelope.time(), Instant.EPOCH, null,
                Headers.empty(), body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
