package dev.hookline.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.SignatureVerificationException;
import dev.hookline.signature.SignatureVerifier;
import dev.hookline.signature.SigningKey;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standard Webhooks' asymmetric {@code v1a} signatures: Ed25519 as RFC 8032 defines it, beside HMAC secrets. */
class Ed25519SignatureTest {

    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032, section 7.1, TEST 2: a one-byte message. */
    private static final byte[] RFC_SECRET = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    private static final byte[] RFC_PUBLIC = HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final byte[] RFC_SIGNATURE = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    private static final String SECRET_KEY = "whsk_" + Base64.getEncoder().encodeToString(RFC_SECRET);
    private static final String PUBLIC_KEY = "whpk_" + Base64.getEncoder().encodeToString(RFC_PUBLIC);
    private static final String HMAC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-05-02T12:00:00Z");
    private static final byte[] BODY = "{\"type\":\"user.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    private static SignatureVerifier verifier(String... secrets) {
        return SignatureVerifier.builder(SignatureSchemes.standardWebhooks()).secrets(secrets)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static SignatureFailure failureOf(SignatureVerifier verifier, Headers headers, byte[] body) {
        try {
            verifier.verify(headers, body);
            return null;
        } catch (SignatureVerificationException e) {
            return e.failure();
        }
    }

    @Test
    void keysMadeFromRawBytesReproduceThePublishedVector() {
        byte[] message = {0x72};

        assertThat(SigningKey.ed25519Private(RFC_SECRET).sign(new byte[0], message)).isEqualTo(RFC_SIGNATURE);
        assertThat(SigningKey.ed25519Public(RFC_PUBLIC).verifies(RFC_SIGNATURE, new byte[0], message)).isTrue();
        assertThat(SigningKey.ed25519Public(RFC_PUBLIC).verifies(RFC_SIGNATURE, new byte[0], new byte[] {0x73}))
                .isFalse();
    }

    @Test
    void aV1aSignatureMadeWithTheSecretKeyVerifiesWithThePublicKey() {
        Map<String, String> signed = WebhookSigner.of(SignatureSchemes.standardWebhooks(), SECRET_KEY)
                .sign(BODY, NOW, "msg_1");

        assertThat(signed.get("webhook-signature")).startsWith("v1a,").hasSize(4 + 88);
        assertThatCode(() -> verifier(PUBLIC_KEY).verify(Headers.of(signed), BODY)).doesNotThrowAnyException();
        assertThat(failureOf(verifier(PUBLIC_KEY), Headers.of(signed), "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureOf(verifier(HMAC_SECRET), Headers.of(signed), BODY))
                .as("an HMAC secret never accepts a v1a entry").isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void anEndpointHoldingBothKindsChecksEachEntryAgainstTheKeysOfItsKind() {
        Map<String, String> hmac = WebhookSigner.of(SignatureSchemes.standardWebhooks(), HMAC_SECRET)
                .sign(BODY, NOW, "msg_2");
        Map<String, String> ed = WebhookSigner.of(SignatureSchemes.standardWebhooks(), SECRET_KEY)
                .sign(BODY, NOW, "msg_2");
        Map<String, String> both = new LinkedHashMap<>(hmac);
        both.put("webhook-signature", ed.get("webhook-signature") + " " + hmac.get("webhook-signature"));
        SignatureVerifier rotating = verifier(HMAC_SECRET, PUBLIC_KEY);

        assertThatCode(() -> rotating.verify(Headers.of(hmac), BODY)).doesNotThrowAnyException();
        assertThatCode(() -> rotating.verify(Headers.of(ed), BODY)).doesNotThrowAnyException();
        assertThatCode(() -> rotating.verify(Headers.of(both), BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verifier(PUBLIC_KEY).verify(Headers.of(both), BODY)).doesNotThrowAnyException();
    }

    @Test
    void aV1aEntryOfTheWrongLengthOrEncodingIsMalformed() {
        Map<String, String> signed = new LinkedHashMap<>(WebhookSigner.of(SignatureSchemes.standardWebhooks(),
                SECRET_KEY).sign(BODY, NOW, "msg_3"));
        signed.put("webhook-signature", "v1a," + Base64.getEncoder().encodeToString(new byte[32]));

        assertThat(failureOf(verifier(PUBLIC_KEY), Headers.of(signed), BODY))
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void moreV1aEntriesThanFourAreMalformedBeforeAnyIsChecked() {
        Map<String, String> signed = new LinkedHashMap<>(WebhookSigner.of(SignatureSchemes.standardWebhooks(),
                SECRET_KEY).sign(BODY, NOW, "msg_4"));
        String forged = "v1a," + Base64.getEncoder().encodeToString(new byte[64]);
        String genuine = signed.get("webhook-signature");

        signed.put("webhook-signature", String.join(" ", forged, forged, forged, genuine));
        assertThat(failureOf(verifier(PUBLIC_KEY), Headers.of(signed), BODY)).as("four entries, one genuine").isNull();

        signed.put("webhook-signature", String.join(" ", forged, forged, forged, forged, genuine));
        assertThat(failureOf(verifier(PUBLIC_KEY), Headers.of(signed), BODY))
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void eachKeyIsRefusedWhereItCannotServe() {
        assertThatThrownBy(() -> verifier(SECRET_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret #1 is an Ed25519 signing key (whsk_), which only a sender holds: give the receiver "
                        + "its public key (whpk_)");
        assertThatThrownBy(() -> WebhookSigner.of(SignatureSchemes.standardWebhooks(), PUBLIC_KEY))
                .hasMessage("The signing secret is an Ed25519 public key (whpk_), which only verifies: sign with the "
                        + "secret key (whsk_)");
        assertThatThrownBy(() -> verifier("whpk_" + Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessage("Secret #1 is not a valid secret for StandardWebhooksScheme: an Ed25519 key is 32 bytes "
                        + "long, this one 31")
                .hasNoCause();
    }

    @Test
    void keysNeverShowThemselves() {
        assertThat(SigningKey.ed25519Private(RFC_SECRET).toString()).isEqualTo("SigningKey[Ed25519, ED25519_PRIVATE, redacted]");
        assertThat(SigningKey.ed25519Public(RFC_PUBLIC).kind()).isEqualTo(SigningKey.Kind.ED25519_PUBLIC);
    }
}
