package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.NOW;
import static dev.hookline.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.event.PayloadFailure;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureVerificationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
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

    /**
     * Jackson decodes some ill-formed UTF-8 instead of refusing it: an overlong form as another character and a
     * sequence above U+10FFFF as unpaired surrogates, which then became the event id. It also reads a body
     * with NUL bytes as UTF-16 or UTF-32. JSON between systems is UTF-8, so each of these is not JSON.
     */
    @ParameterizedTest
    @ValueSource(strings = {"C0AF", "E080AF", "F08080AF", "C180", "F4908080", "F7BFBFBF", "EDA080", "EDBFBF", "80", "BF",
        "FE", "FF", "E282", "F09F98", "F8888080", "FC8480808080"})
    void anEventIdInIllFormedUtf8IsNotJson(String hex) {
        byte[] body = exaBody(HexFormat.of().parseHex(hex));

        assertThat(receiveExa(body)).extracting(Outcome::status, Outcome::reason, Outcome::eventId)
                .containsExactly(Outcome.Status.MALFORMED, PayloadFailure.NOT_JSON, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"})
    void aBodyInAnotherEncodingThanUtf8IsNotJson(String charset) {
        byte[] body = new String(exaBody(utf8("x")), StandardCharsets.UTF_8).getBytes(Charset.forName(charset));

        assertThat(receiveExa(body)).extracting(Outcome::status, Outcome::reason)
                .containsExactly(Outcome.Status.MALFORMED, PayloadFailure.NOT_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7F", "C280", "DFBF", "E0A080", "ED9FBF", "EE8080", "EFBFBF", "F0908080", "F48FBFBF",
        "F09F9880", "C3A9E4B8AD"})
    void anEventIdInWellFormedUtf8IsReadAsItsCharacters(String hex) {
        byte[] id = HexFormat.of().parseHex(hex);

        Outcome outcome = receiveExa(exaBody(id));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(outcome.eventId()).isEqualTo("evt_" + new String(id, StandardCharsets.UTF_8));
    }

    @Test
    void aByteOrderMarkBeforeTheJsonIsIgnored() {
        byte[] json = exaBody(utf8("bom"));
        byte[] body = new byte[json.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(json, 0, body, 3, json.length);

        assertThat(receiveExa(body)).extracting(Outcome::status, Outcome::eventId)
                .containsExactly(Outcome.Status.ACCEPTED, "evt_bom");
    }

    /** An Exa envelope whose id is {@code evt_} followed by {@code idBytes}, as raw bytes. */
    private static byte[] exaBody(byte[] idBytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("{\"id\":\"evt_"));
        body.writeBytes(idBytes);
        body.writeBytes(utf8("\",\"object\":\"event\",\"type\":\"webset.created\",\"data\":{\"id\":\"ws_1\"},"
                + "\"createdAt\":\"2026-05-02T12:00:00Z\"}"));
        return body.toByteArray();
    }

    /** Signs {@code body} validly for Exa and receives it. */
    private static Outcome receiveExa(byte[] body) {
        Scheme scheme = Scheme.EXA;
        Headers headers = Headers.of(scheme.signer().sign(body, NOW, null));
        return Hostile.endpoint(scheme, InMemoryDeduplicator.create(), null).receive(Delivery.of(headers, body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"msg_?", "msg_\uD83D\uDE00", "\uD83D\uDE00", "msg_\u00e9\u4e2d"})
    void aStandardWebhooksIdOfWellFormedTextStillVerifies(String id) {
        Scheme scheme = Scheme.STANDARD_WEBHOOKS;
        Headers signed = Headers.of(scheme.signer().sign(BODY, NOW, id));

        assertThatCode(() -> scheme.verifier().verify(signed, BODY)).doesNotThrowAnyException();
    }
}
