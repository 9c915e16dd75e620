package dev.hookline.spring;

import dev.hookline.Providers;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureScheme;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Test secrets, event bodies and signed deliveries, made with the core's own signer. */
final class TestDeliveries {

    static final String EXA_SECRET = "exa_test_secret_3c1d9a";
    static final String EXA_NEXT_SECRET = "exa_next_secret_77b0e2";
    static final String ENCRATA_SECRET = "whsec_" + "5f0c2a9e81d34b67c0f1e2d3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7";
    /** base64 of the 32 bytes 0x00..0x1f. */
    static final String STANDARD_SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /** Appears in every payload, so tests can prove that no payload reaches a message. */
    static final String PAYLOAD_MARKER = "payload-marker-51e0";

    private TestDeliveries() {
    }

    /** An Exa {@code webset.item.created} event created now. */
    static byte[] exaItemCreated(String eventId, String itemId) {
        return exa(eventId, "webset.item.created", "{\"id\":\"" + itemId + "\",\"object\":\"webset_item\","
                + "\"source\":\"search\",\"websetId\":\"webset_1\",\"note\":\"" + PAYLOAD_MARKER + "\"}");
    }

    /** An Exa event of any type created now. */
    static byte[] exa(String eventId, String type, String data) {
        return exa(eventId, type, data, Instant.now());
    }

    static byte[] exa(String eventId, String type, String data, Instant createdAt) {
        return utf8("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":" + data
                + ",\"createdAt\":\"" + createdAt + "\"}");
    }

    /** An Encrata {@code lookup.completed} event. */
    static byte[] encrataLookup(String email, String lookupId, Instant createdAt) {
        return utf8("{\"event\":\"lookup.completed\",\"data\":{\"email\":\"" + email + "\",\"lookup_id\":\"" + lookupId
                + "\",\"note\":\"" + PAYLOAD_MARKER + "\"},\"created_at\":\"" + createdAt + "\"}");
    }

    /** A Standard Webhooks event. */
    static byte[] standard(String type, String data) {
        return utf8("{\"type\":\"" + type + "\",\"timestamp\":\"" + Instant.now() + "\",\"data\":" + data + "}");
    }

    static Map<String, String> signExa(byte[] body) {
        return WebhookSigner.of(Providers.exa().scheme(), EXA_SECRET).sign(body);
    }

    static Map<String, String> signExa(byte[] body, String secret, Instant at) {
        return WebhookSigner.of(Providers.exa().scheme(), secret).sign(body, at, null);
    }

    static Map<String, String> signEncrata(byte[] body) {
        return WebhookSigner.of(Providers.encrata().scheme(), ENCRATA_SECRET).sign(body);
    }

    static Map<String, String> signStandard(byte[] body, String messageId) {
        return WebhookSigner.of(Providers.standardWebhooks().scheme(), STANDARD_SECRET).sign(body, Instant.now(),
                messageId);
    }

    static Map<String, String> sign(SignatureScheme scheme, String secret, byte[] body) {
        return WebhookSigner.of(scheme, secret).sign(body);
    }

    static Delivery delivery(byte[] body, Map<String, String> headers) {
        return Delivery.of(Headers.of(headers), body);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
