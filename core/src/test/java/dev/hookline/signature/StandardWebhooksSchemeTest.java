package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.MESSAGE_ID;
import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static dev.hookline.signature.SignatureFixtures.with;
import static dev.hookline.signature.SignatureFixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three headers of Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}. */
class StandardWebhooksSchemeTest {

    private static final BuiltIn SW = BuiltIn.STANDARD_WEBHOOKS;
    private static final String ID = "webhook-id";
    private static final String TIMESTAMP = "webhook-timestamp";
    private static final String SIGNATURE = "webhook-signature";
    private static final byte[] BODY = utf8("{\"type\":\"invoice.paid\",\"data\":{\"amount\":1200,\"note\":\"caf\u00e9\"}}");

    private static final Map<String, String> SIGNED = SW.sign(SW.secret, BODY, NOW);
    /** The base64 v1 signature of BODY as MESSAGE_ID at NOW under SW's secret. */
    private static final String V1 = SIGNED.get(SIGNATURE).substring("v1,".length());
    /** A well-formed v1 signature that matches nothing. */
    private static final String OTHER = Base64.getEncoder().encodeToString(new byte[32]);
    /** A well-formed asymmetric signature entry, which this scheme does not check. */
    private static final String V1A = "v1a," + Base64.getEncoder().encodeToString(new byte[64]);

    private final SignatureVerifier verifier = SW.verifier(NOW, SW.secret);

    private SignatureFailure failureFor(Headers headers) {
        return failureOf(() -> verifier.verify(headers, BODY));
    }

    private SignatureFailure failureForSignature(String value) {
        return failureFor(with(SIGNED, SIGNATURE, value));
    }

    private void assertAccepted(Headers headers) {
        assertThatCode(() -> verifier.verify(headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void theSignerWritesIdTimestampAndOneV1Signature() {
        assertThat(SIGNED).containsExactly(
                Map.entry(ID, MESSAGE_ID),
                Map.entry(TIMESTAMP, Long.toString(NOW.getEpochSecond())),
                Map.entry(SIGNATURE, "v1," + V1));
        assertThat(Base64.getDecoder().decode(V1)).hasSize(32);
    }

    @Test
    void aMissingSignatureHeaderIsAMissingSignature() {
        assertThat(failureFor(without(SIGNED, SIGNATURE))).isEqualTo(SignatureFailure.MISSING_SIGNATURE);
    }

    @Test
    void aMissingIdOrTimestampHeaderIsAMissingSignature() {
        assertThat(failureFor(without(SIGNED, ID))).isEqualTo(SignatureFailure.MISSING_SIGNATURE);
        assertThat(failureFor(without(SIGNED, TIMESTAMP))).isEqualTo(SignatureFailure.MISSING_SIGNATURE);
    }

    @Test
    void changingTheMessageIdBreaksTheSignature() {
        assertThat(failureFor(with(SIGNED, ID, MESSAGE_ID + "x"))).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureFor(with(SIGNED, ID, "msg_p5jXN8AQM9LWM0D4loKWxJek")))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void surroundingWhitespaceInTheHeadersIsTolerated() {
        Headers headers = Headers.builder()
                .add(ID, " " + MESSAGE_ID + " ")
                .add(TIMESTAMP, "\t" + NOW.getEpochSecond() + " ")
                .add(SIGNATURE, "  v1," + V1 + "  ")
                .build();

        assertAccepted(headers);
    }

    @Test
    void anEmptyIdIsMalformed() {
        assertThat(failureFor(with(SIGNED, ID, ""))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(with(SIGNED, ID, "   "))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "-1", "-1772366400", "+1772366400", "1772366400.0", "1e9",
        "2026-03-01T12:00:00Z", "123456789012345678901234567890", "9223372036854775808"})
    void aTimestampThatIsNotASmallNonNegativeDecimalIsMalformed(String timestamp) {
        assertThat(failureFor(with(SIGNED, TIMESTAMP, timestamp)))
                .as("webhook-timestamp: %s", timestamp)
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void aRepeatedIdOrTimestampHeaderIsMalformed() {
        Headers twoIds = Headers.builder().add(ID, MESSAGE_ID).add(ID, MESSAGE_ID)
                .add(TIMESTAMP, SIGNED.get(TIMESTAMP)).add(SIGNATURE, SIGNED.get(SIGNATURE)).build();
        Headers twoTimestamps = Headers.builder().add(ID, MESSAGE_ID)
                .add(TIMESTAMP, SIGNED.get(TIMESTAMP)).add(TIMESTAMP, SIGNED.get(TIMESTAMP))
                .add(SIGNATURE, SIGNED.get(SIGNATURE)).build();

        assertThat(failureFor(twoIds)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(twoTimestamps)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void entriesOfOtherVersionsAreIgnoredWhileAV1Matches() {
        assertAccepted(with(SIGNED, SIGNATURE, V1A + " v1," + V1));
        assertAccepted(with(SIGNED, SIGNATURE, "v1," + V1 + " " + V1A));
        assertAccepted(with(SIGNED, SIGNATURE, "v2,anything-at-all v1," + V1 + " v1b,"));
    }

    @Test
    void entriesOfOtherVersionsAloneMatchNothing() {
        assertThat(failureForSignature(V1A)).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureForSignature("v2," + V1)).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureForSignature("V1," + V1)).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void anyOneOfSeveralV1SignaturesMayMatch() {
        assertAccepted(with(SIGNED, SIGNATURE, "v1," + OTHER + " v1," + V1));
        assertAccepted(with(SIGNED, SIGNATURE, "v1," + V1 + "   v1," + OTHER));
        assertAccepted(with(SIGNED, SIGNATURE, "v1," + OTHER + "\tv1," + V1));
        assertThat(failureForSignature("v1," + OTHER + " v1," + OTHER)).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void repeatedSignatureHeaderValuesAreAllConsidered() {
        Headers headers = Headers.builder()
                .add(ID, MESSAGE_ID)
                .add(TIMESTAMP, SIGNED.get(TIMESTAMP))
                .add(SIGNATURE, "v1," + OTHER)
                .add(SIGNATURE, V1A + " v1," + V1)
                .build();

        assertAccepted(headers);
    }

    @Test
    void aV1SignatureThatIsNotBase64OfThirtyTwoBytesIsMalformed() {
        Base64.Encoder base64 = Base64.getEncoder();
        assertThat(failureForSignature("v1,")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + V1.substring(0, 43))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + V1.replace('=', 'A'))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + V1 + "=")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1,*" + V1.substring(1))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + base64.encodeToString(new byte[31])))
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + base64.encodeToString(new byte[33])))
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + base64.encodeToString(new byte[64])))
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + Base64.getUrlEncoder().encodeToString(new byte[] {-5, -1, -2})
                + V1.substring(4))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + toHex(Base64.getDecoder().decode(V1))))
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void anEntryWithoutAVersionIsMalformed() {
        assertThat(failureForSignature(V1)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("," + V1)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1, " + V1)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureForSignature("v1," + V1 + " garbage")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void anEmptySignatureHeaderMatchesNothing() {
        assertThat(failureForSignature("")).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureForSignature("   ")).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void theSecretVerifiesWithOrWithoutItsWhsecPrefix() {
        String bare = SW.secret.substring("whsec_".length());

        assertAccepted(Headers.of(SW.sign(bare, BODY, NOW)));
        assertThat(SW.sign(bare, BODY, NOW)).isEqualTo(SIGNED);
        assertThatCode(() -> SW.verifier(NOW, bare).verify(Headers.of(SIGNED), BODY)).doesNotThrowAnyException();
    }

    @Test
    void theSecretIsKeyedByItsDecodedBytesNotItsText() {
        SignatureScheme textKeyed = SignatureSchemes.timestampedHmac("unused");
        SigningKey decoded = SW.scheme.key(SW.secret);
        SigningKey asText = textKeyed.key(SW.secret);

        assertThat(decoded.mac(BODY)).isNotEqualTo(asText.mac(BODY));
        assertThat(decoded.mac(BODY))
                .isEqualTo(SigningKey.hmacSha256(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).mac(BODY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_", "whsec_not base64!", "not*base64", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw%%"})
    void aSecretThatIsNotBase64IsRefusedAtConfiguration(String secret) {
        assertThatThrownBy(() -> SignatureVerifier.builder(SW.scheme).secret(secret).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Secret #1 is ");
        assertThatThrownBy(() -> WebhookSigner.of(SW.scheme, secret)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingNeedsAMessageId() {
        WebhookSigner signer = WebhookSigner.of(SW.scheme, SW.secret);

        assertThatThrownBy(() -> signer.sign(BODY, NOW, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(BODY, NOW, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingNowDrawsAFreshMessageIdEachTime() throws Exception {
        WebhookSigner signer = WebhookSigner.of(SW.scheme, SW.secret, SignatureFixtures.clockAt(NOW));

        Map<String, String> first = signer.sign(BODY);
        Map<String, String> second = signer.sign(BODY);

        assertThat(first.get(ID)).startsWith("msg_").isNotEqualTo(second.get(ID));
        verifier.verify(Headers.of(first), BODY);
        verifier.verify(Headers.of(second), BODY);
    }

    private static String toHex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
