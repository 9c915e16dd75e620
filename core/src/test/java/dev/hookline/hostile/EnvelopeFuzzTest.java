package dev.hookline.hostile;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.delivery.Headers;
import dev.hookline.event.EventJson;
import dev.hookline.event.EventType;
import dev.hookline.event.MalformedPayloadException;
import dev.hookline.event.PayloadFailure;
import dev.hookline.event.TestEvents;
import dev.hookline.event.WebhookEvent;
import dev.hookline.exa.ExaEvents;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Each built-in envelope format under fuzzing, on bodies that are already verified: parsing ends in an event or a
 * {@link MalformedPayloadException} and nothing else; the event holds exactly the id, type and data the JSON
 * does; and binding its data to any catalogue type ends in a value or a {@link MalformedPayloadException}.
 *
 * <p>The expected id, type and data come from a plain tree read of the same bytes, once the JDK's strict UTF-8
 * decoder has accepted them, not from the envelope code.
 * Replays {@code src/test/resources/dev/hookline/hostile/EnvelopeFuzzTestInputs/} in every build (seeded with
 * the payload fixtures); fuzzes with {@code JAZZER_FUZZ=1} (see the README's Fuzzing section).
 */
class EnvelopeFuzzTest {

    private static final Headers STANDARD_HEADERS = Headers.builder().add("webhook-id", "msg_envelope").build();

    @FuzzTest
    @DictionaryEntries({"\"id\"", "\"object\"", "\"type\"", "\"data\"", "\"createdAt\"", "\"properties\"",
            "\"company\"", "\"person\"", "\"research_paper\"", "\"researchPaper\"", "\"enrichments\"", "\"evaluations\"",
            "\"status\"", "\"monitor\"", "\"monitor_run\"", "webset.item.created", "monitor.run.completed"})
    void exaEnvelope(byte[] body) {
        parseAndBind(Providers.exa(), Headers.empty(), body, "id", "type", "data");
    }

    @FuzzTest
    @DictionaryEntries({"\"event\"", "\"data\"", "\"created_at\"", "\"email\"", "\"lookup_id\"", "\"monitor_id\"",
            "\"total_records\"", "\"credits_used\"", "\"test\"", "lookup.completed", "monitor.run.completed"})
    void encrataEnvelope(byte[] body) {
        parseAndBind(Providers.encrata(), Headers.empty(), body, null, "event", "data");
    }

    @FuzzTest
    @DictionaryEntries({"\"type\"", "\"timestamp\"", "\"data\""})
    void standardWebhooksEnvelope(byte[] body) {
        parseAndBind(Providers.standardWebhooks(), STANDARD_HEADERS, body, null, "type", "data");
    }

    /**
     * Parses {@code body} with the provider's envelope and checks it against a plain read of the JSON.
     *
     * @param idField the field holding the id, or null when the id comes from a header or the body digest
     */
    private static void parseAndBind(Provider provider, Headers headers, byte[] body, String idField,
                                     String typeField, String dataField) {
        JsonNode root = readUtf8Json(body);
        WebhookEvent event;
        try {
            event = TestEvents.read(provider, headers, body);
        } catch (MalformedPayloadException e) {
            PayloadFailure expected = expectedFailure(root, idField, typeField);
            if (e.failure() != expected || !e.getMessage().equals(e.failure().description()) || e.getCause() != null) {
                throw new AssertionError(provider.name() + ": failed with " + e.failure() + ", expected " + expected);
            }
            return;
        }
        if (expectedFailure(root, idField, typeField) != null) {
            throw new AssertionError(provider.name() + ": parsed, expected " + expectedFailure(root, idField, typeField));
        }
        String expectedId = idField != null ? root.get(idField).stringValue()
                : provider == Providers.encrata() ? sha256(body) : headers.first("webhook-id");
        JsonNode expectedData = root.get(dataField) == null ? MissingNode.getInstance() : root.get(dataField);
        if (!event.id().equals(expectedId) || !event.type().equals(root.get(typeField).stringValue())
                || !event.data().equals(expectedData)
                || !event.provider().equals(provider.name())) {
            throw new AssertionError(provider.name() + ": the event differs from the JSON: " + event);
        }
        for (EventType<?> type : provider.catalog().types()) {
            bind(event, type);
            bindOnTheWay(provider, headers, body, event, type);
        }
        bind(event, ExaEvents.WEBSET_ITEM_CREATED);
        bindOnTheWay(provider, headers, body, event, ExaEvents.WEBSET_ITEM_CREATED);
    }

    /**
     * Reads the body again as the whole path does, binding the data to the key's type while reading: the same
     * event, and the same value (or the same failure) as binding it afterwards gave.
     */
    private static <T> void bindOnTheWay(Provider provider, Headers headers, byte[] body, WebhookEvent later,
                                         EventType<T> type) {
        JavaType dataType = EventJson.mapper().constructType(type.dataType());
        WebhookEvent early = TestEvents.read(provider, headers, body, name -> dataType);
        if (!early.id().equals(later.id()) || !early.type().equals(later.type())
                || !early.data().equals(later.data())) {
            throw new AssertionError(provider.name() + ": binding on the way changed the event: " + early);
        }
        Object expected;
        try {
            expected = later.data(type);
        } catch (MalformedPayloadException e) {
            expected = e.failure();
        }
        Object actual;
        try {
            actual = early.data(type);
        } catch (MalformedPayloadException e) {
            actual = e.failure();
        }
        if (!Objects.equals(actual, expected)) {
            throw new AssertionError("binding " + type + " on the way gave " + actual + ", afterwards " + expected);
        }
    }

    /**
     * GitHub: the id and the type come from unsigned headers, the type qualified by the body's {@code action}. Any
     * header values and body: the event's id, type and base type are exactly what the headers and a plain read of
     * the body say, or the failure they call for.
     */
    @FuzzTest
    @DictionaryEntries({"\"action\"", "opened", "pull_request", "push", "\"ref\""})
    void gitHubEnvelope(FuzzedDataProvider data) {
        Headers.Builder builder = Headers.builder();
        String delivery = data.consumeBoolean() ? data.consumeString(80) : null;
        String event = data.consumeBoolean() ? data.consumeString(40) : null;
        if (delivery != null) {
            builder.add("X-GitHub-Delivery", delivery);
        }
        if (event != null) {
            builder.add("X-GitHub-Event", event);
        }
        byte[] body = data.consumeRemainingAsBytes();
        JsonNode root = readUtf8Json(body);
        PayloadFailure expected = root == null || !root.isObject() ? PayloadFailure.NOT_JSON
                : event == null || event.isBlank() ? PayloadFailure.MISSING_EVENT_TYPE
                : delivery == null || delivery.isBlank() ? PayloadFailure.MISSING_EVENT_ID
                : null;
        WebhookEvent parsed;
        try {
            parsed = TestEvents.read(Providers.github(), builder.build(), body);
        } catch (MalformedPayloadException e) {
            if (e.failure() != expected) {
                throw new AssertionError("github: failed with " + e.failure() + ", expected " + expected);
            }
            return;
        }
        if (expected != null) {
            throw new AssertionError("github: parsed, expected " + expected);
        }
        JsonNode action = root.get("action");
        String type = action != null && action.isString() && !action.stringValue().isEmpty()
                ? event.strip() + "." + action.stringValue() : event.strip();
        if (!parsed.id().equals(delivery.strip()) || !parsed.type().equals(type) || !parsed.data().equals(root)
                || !java.util.Objects.equals(parsed.baseType(), type.equals(event.strip()) ? null : event.strip())) {
            throw new AssertionError("github: the event differs from its headers and body: " + parsed);
        }
    }

    /** The JSON in {@code body} if it is strict UTF-8 without U+0000 (decoded by the JDK), otherwise null. */
    private static JsonNode readUtf8Json(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        if (text.indexOf('\u0000') >= 0) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** NOT_JSON unless an object; then the type, then the id (when it is a field) must be non-empty strings. */
    private static PayloadFailure expectedFailure(JsonNode root, String idField, String typeField) {
        if (root == null || !root.isObject()) {
            return PayloadFailure.NOT_JSON;
        }
        if (!nonEmptyString(root.get(typeField))) {
            return PayloadFailure.MISSING_EVENT_TYPE;
        }
        if (idField != null && !nonEmptyString(root.get(idField))) {
            return PayloadFailure.MISSING_EVENT_ID;
        }
        return null;
    }

    private static boolean nonEmptyString(JsonNode node) {
        return node != null && node.isString() && !node.stringValue().isEmpty();
    }

    /** Binds the data to the key's type: a value, the same one again, or INVALID_EVENT_DATA; nothing else. */
    private static <T> void bind(WebhookEvent event, EventType<T> type) {
        type.appliesTo(event);
        T value;
        try {
            value = event.data(type);
        } catch (MalformedPayloadException e) {
            if (e.failure() != PayloadFailure.INVALID_EVENT_DATA) {
                throw new AssertionError("binding " + type + " failed with " + e.failure());
            }
            return;
        }
        if (value == null || !type.dataType().isInstance(value)) {
            throw new AssertionError("binding " + type + " gave " + (value == null ? "null" : value.getClass()));
        }
        if (event.data(type) != value) {
            throw new AssertionError("binding " + type + " twice gave two values");
        }
        Objects.requireNonNull(value.toString());
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
