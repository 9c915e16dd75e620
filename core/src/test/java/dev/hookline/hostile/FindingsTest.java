package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.NOW;
import static dev.hookline.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Delivery;
import dev.hookline.Headers;
import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureVerificationException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each problem the hostile-input tests found, kept as a plain test of the input that showed it. */
class FindingsTest {

    private static final byte[] BODY = utf8("{\"type\":\"user.created\",\"timestamp\":\"2026-05-02T12:00:00Z\",\"data\":{}}");

    /**
     * An id with an unpaired surrogate has no UTF-8 form: it used to be signed as if it were {@code '?'}, so a
     * delivery signed for {@code msg_?} verified with {@code msg_\uD800} as its id, which is another event id
     * (and so another deduplication key) than the one the sender signed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"msg_\uD800", "msg_\uDC00", "\uDE00msg", "msg_\uDE00\uD83D"})
    void aStandardWebhooksIdWithAnUnpairedSurrogateIsMalformed(String id) {
        Scheme scheme = Scheme.STANDARD_WEBHOOKS;
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, id.replaceAll("\\p{Cs}", "?"));
        Headers delivered = Hostile.replace(signed, "webhook-id", id);

        assertThatThrownBy(() -> scheme.verifier().verify(delivered, BODY))
                .isInstanceOfSatisfying(SignatureVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE));
        WebhookEndpoint endpoint = Hostile.endpoint(scheme, InMemoryDeduplicator.create(), null);
        Outcome outcome = endpoint.receive(Delivery.of(delivered, BODY));
        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(outcome.reason()).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThatThrownBy(() -> scheme.signer().sign(BODY, NOW, id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(id);
    }

    /**
     * A base64 signature of 32 bytes has 2 unused bits in its last character, which the JDK's decoder ignores:
     * the three texts that differ from the genuine one only there used to verify as well.
     */
    @Test
    void aStandardWebhooksSignatureIsAcceptedOnlyInItsCanonicalBase64() {
        Scheme scheme = Scheme.STANDARD_WEBHOOKS;
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, "msg_canonical");
        String genuine = signed.get("webhook-signature").substring("v1,".length());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int last = alphabet.indexOf(genuine.charAt(42));
        assertThat(last % 4).as("an encoder leaves the unused bits zero").isZero();

        for (int bits = 1; bits < 4; bits++) {
            String variant = genuine.substring(0, 42) + alphabet.charAt(last + bits) + "=";
            assertThat(Base64.getDecoder().decode(variant)).isEqualTo(Base64.getDecoder().decode(genuine));
            Headers delivered = Hostile.replace(signed, "webhook-signature", "v1," + variant);

            assertThatThrownBy(() -> scheme.verifier().verify(delivered, BODY))
                    .as(variant)
                    .isInstanceOfSatisfying(SignatureVerificationException.class,
                            e -> assertThat(e.failure()).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE));
        }
        assertThatCode(() -> scheme.verifier().verify(Headers.of(signed), BODY)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"msg_?", "msg_\uD83D\uDE00", "\uD83D\uDE00", "msg_\u00e9\u4e2d"})
    void aStandardWebhooksIdOfWellFormedTextStillVerifies(String id) {
        Scheme scheme = Scheme.STANDARD_WEBHOOKS;
        Headers signed = Headers.of(scheme.signer().sign(BODY, NOW, id));

        assertThatCode(() -> scheme.verifier().verify(signed, BODY)).doesNotThrowAnyException();
    }
}
