package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.clockAt;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.randomText;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.hookline.delivery.Headers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Signatures interoperate with the reference libraries both ways: the Standard Webhooks Java library and
 * Stripe's Java SDK (whose header has the form Exa also uses).
 */
class PeerInteroperabilityTest {

    private static final int BODIES = 40;
    private static final long SEED = SignatureFixtures.seed();

    private final Random random = new Random(SEED);

    /** JSON-like bodies, several of them with characters outside ASCII, one of them empty. */
    private List<String> bodies() {
        List<String> bodies = new ArrayList<>(List.of("",
                "{\"message\":\"Gr\u00fc\u00dfe aus K\u00f6ln \u2014 \u65e5\u672c\u8a9e \ud83d\ude80\"}",
                "{\"name\":\"Zo\u00eb\",\"emoji\":\"\ud83e\udd16\",\"rtl\":\"\u0645\u0631\u062d\u0628\u0627\"}"));
        while (bodies.size() < BODIES) {
            bodies.add("{\"id\":\"evt_" + random.nextInt(1_000_000) + "\",\"text\":\""
                    + randomText(random, random.nextInt(300)).replace("\\", "/").replace("\"", "'") + "\"}");
        }
        return bodies;
    }

    private String standardWebhooksSecret() {
        byte[] key = new byte[random.nextBoolean() ? 24 : 32];
        random.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private String stripeSecret() {
        StringBuilder secret = new StringBuilder("whsec_");
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < 32; i++) {
            secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return secret.toString();
    }

    private long randomTimestamp() {
        return 1_000_000_000L + random.nextInt(1_000_000_000);
    }

    @Test
    void standardWebhooksSignaturesFromThePeerVerify() throws Exception {
        for (String payload : bodies()) {
            String secret = standardWebhooksSecret();
            String id = "msg_" + Long.toHexString(random.nextLong());
            long timestamp = randomTimestamp();
            String signature = new Webhook(secret).sign(id, timestamp, payload);
            Headers headers = Headers.builder()
                    .add("webhook-id", id)
                    .add("webhook-timestamp", Long.toString(timestamp))
                    .add("webhook-signature", signature)
                    .build();
            String configured = random.nextBoolean() ? secret : secret.substring("whsec_".length());
            SignatureVerifier verifier = SignatureVerifier.builder(SignatureSchemes.standardWebhooks())
                    .secret(configured)
                    .clock(clockAt(Instant.ofEpochSecond(timestamp)))
                    .build();

            assertThatCode(() -> verifier.verify(headers, utf8(payload)))
                    .as("seed %d, body %s", SEED, payload)
                    .doesNotThrowAnyException();
            assertThat(failureOf(() -> verifier.verify(headers, utf8(payload + " "))))
                    .as("seed %d, body %s", SEED, payload)
                    .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
    }

    @Test
    void standardWebhooksSignaturesFromHooklineVerifyWithThePeer() throws Exception {
        for (String payload : bodies()) {
            String secret = standardWebhooksSecret();
            String id = "msg_" + Long.toHexString(random.nextLong());
            // the peer checks the timestamp against the system clock, so sign as of now
            Instant now = Instant.now();
            String configured = random.nextBoolean() ? secret : secret.substring("whsec_".length());
            Map<String, String> signed = WebhookSigner.of(SignatureSchemes.standardWebhooks(), configured)
                    .sign(utf8(payload), now, id);
            Map<String, List<String>> peerHeaders = Map.of(
                    "webhook-id", List.of(signed.get("webhook-id")),
                    "webhook-timestamp", List.of(signed.get("webhook-timestamp")),
                    "webhook-signature", List.of(signed.get("webhook-signature")));

            assertThat(signed.get("webhook-signature")).as("seed %d", SEED)
                    .isEqualTo(new Webhook(secret).sign(id, now.getEpochSecond(), payload));
            assertThatCode(() -> new Webhook(secret).verify(payload, peerHeaders))
                    .as("seed %d, body %s", SEED, payload)
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> new Webhook(standardWebhooksSecret()).verify(payload, peerHeaders))
                    .as("seed %d, body %s", SEED, payload)
                    .isInstanceOf(WebhookVerificationException.class);
        }
    }

    @Test
    void stripeSignaturesFromThePeerVerify() throws Exception {
        for (String payload : bodies()) {
            String secret = stripeSecret();
            long timestamp = randomTimestamp();
            String header = com.stripe.net.Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
            Headers headers = Headers.of(Map.of("Stripe-Signature", header));
            SignatureVerifier verifier = SignatureVerifier.builder(SignatureSchemes.stripe())
                    .secret(secret)
                    .clock(clockAt(Instant.ofEpochSecond(timestamp)))
                    .build();

            assertThatCode(() -> verifier.verify(headers, utf8(payload)))
                    .as("seed %d, body %s", SEED, payload)
                    .doesNotThrowAnyException();
            assertThat(failureOf(() -> verifier.verify(headers, utf8(payload + "\n"))))
                    .as("seed %d, body %s", SEED, payload)
                    .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
    }

    @Test
    void stripeSignaturesFromHooklineVerifyWithThePeer() throws Exception {
        for (String payload : bodies()) {
            String secret = stripeSecret();
            Instant at = Instant.ofEpochSecond(randomTimestamp());
            String header = WebhookSigner.of(SignatureSchemes.stripe(), secret, clockAt(at))
                    .sign(utf8(payload))
                    .get("Stripe-Signature");
            String v1 = header.substring(header.indexOf("v1=") + 3);

            assertThat(com.stripe.net.Webhook.Signature.verifyHeader(payload, header, secret, 300, clockAt(at)))
                    .as("seed %d, body %s", SEED, payload)
                    .isTrue();
            assertThat(v1).as("seed %d", SEED)
                    .isEqualTo(com.stripe.net.Webhook.Util.computeHmacSha256(secret, at.getEpochSecond() + "." + payload));
            assertThatThrownBy(() -> com.stripe.net.Webhook.Signature.verifyHeader(
                            payload + "x", header, secret, 300, clockAt(at)))
                    .as("seed %d, body %s", SEED, payload)
                    .isInstanceOf(com.stripe.exception.SignatureVerificationException.class);
        }
    }

    @Test
    void stripesGeneratorReproducesExasPublishedVector() throws Exception {
        String header = com.stripe.net.Webhook.Signature.generateSignatureHeader(
                "{\"type\":\"webset.created\",\"data\":{\"id\":\"ws_test\"}}", "test_webhook_secret", 1234567890L);

        assertThat(header).isEqualTo("t=1234567890,v1=9fdca5e9117e0866580d1ea9b0cd4464e71f59df5fb14a0b5a1544006e14bfad");
    }
}
