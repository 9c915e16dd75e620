package dev.hookline.servlet;

import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Signed Exa deliveries, made with the core's own signer, and endpoints that accept them. */
final class Deliveries {

    static final String SECRET = "whsec_servlet_adapter_test_secret";

    /** Appears in every payload, so tests can prove that no payload leaks into a response or a log. */
    static final String PAYLOAD_MARKER = "payload-marker-7f3c";

    static final String TYPE = "webset.item.created";

    /**
     * Every body's {@code createdAt}: fixed, so that a body's length depends only on its id and padding (the
     * wall clock's text is shorter when its fraction of a second ends in zeros). No endpoint here limits the
     * event's age unless a test sets one, and the signature's timestamp is the signing time.
     */
    static final Instant CREATED_AT = Instant.parse("2025-06-01T12:00:00.123456Z");

    private static final WebhookSigner SIGNER = WebhookSigner.of(Providers.exa().scheme(), SECRET);

    private Deliveries() {
    }

    /** An Exa endpoint with the test secret and default tolerance; add handlers and build. */
    static WebhookEndpoint.Builder endpoint() {
        return WebhookEndpoint.builder(Providers.exa()).secret(SECRET);
    }

    /** An Exa event body with the given id, created at {@link #CREATED_AT}. */
    static byte[] body(String id) {
        return body(id, "");
    }

    /** An Exa event body of exactly {@code size} bytes, padded inside its data. */
    static byte[] bodyOfSize(String id, int size) {
        int unpadded = body(id).length;
        if (size < unpadded) {
            throw new IllegalArgumentException("an event body needs at least " + unpadded + " bytes");
        }
        byte[] body = body(id, "x".repeat(size - unpadded));
        if (body.length != size) {
            throw new IllegalStateException("padding missed: " + body.length + " != " + size);
        }
        return body;
    }

    private static byte[] body(String id, String padding) {
        return ("{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + TYPE + "\",\"data\":{\"id\":\"item_1\","
                + "\"object\":\"webset_item\",\"note\":\"" + PAYLOAD_MARKER + padding + "\"},\"createdAt\":\""
                + CREATED_AT + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Signature headers for {@code body}, signed now with the test secret. */
    static Map<String, String> sign(byte[] body) {
        return SIGNER.sign(body);
    }

    /** Signature headers for {@code body}, signed at {@code timestamp} with the test secret. */
    static Map<String, String> sign(byte[] body, Instant timestamp) {
        return SIGNER.sign(body, timestamp, null);
    }

    /** Signature headers for {@code body} under another secret. */
    static Map<String, String> signWithOtherSecret(byte[] body) {
        return WebhookSigner.of(Providers.exa().scheme(), "whsec_someone_else").sign(body);
    }
}
