package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The body-only hex signatures of Encrata ({@code <hex>}) and GitHub ({@code sha256=<hex>}). */
class HexHmacSchemeTest {

    private static final byte[] BODY = utf8("{\"event\":\"credits.low\",\"data\":{},\"created_at\":\"2026-03-01T12:00:00Z\"}");

    private static String prefix(BuiltIn scheme) {
        return scheme == BuiltIn.GITHUB ? "sha256=" : "";
    }

    private static String hexSignature(BuiltIn scheme, String secret) {
        return scheme.sign(secret, BODY, NOW).get(scheme.signatureHeader).substring(prefix(scheme).length());
    }

    private static SignatureFailure failureFor(BuiltIn scheme, String... values) {
        Headers headers = Headers.builder().add(scheme.signatureHeader, List.of(values)).build();
        return failureOf(() -> scheme.verifier(NOW, scheme.secret).verify(headers, BODY));
    }

    private static void assertAccepted(BuiltIn scheme, String... values) {
        Headers headers = Headers.builder().add(scheme.signatureHeader, List.of(values)).build();
        assertThatCode(() -> scheme.verifier(NOW, scheme.secret).verify(headers, BODY))
                .as("%s", (Object) values)
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"ENCRATA", "GITHUB"})
    void theSignerWritesOneLowerCaseHexDigestAfterThePrefix(BuiltIn scheme) {
        Map<String, String> signed = scheme.sign(scheme.secret, BODY, NOW);

        assertThat(signed).containsOnlyKeys(scheme.signatureHeader);
        assertThat(signed.get(scheme.signatureHeader)).matches(prefix(scheme).replace("=", "\\=") + "[0-9a-f]{64}");
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"ENCRATA", "GITHUB"})
    void surroundingWhitespaceAndUpperCaseHexAreTolerated(BuiltIn scheme) {
        String hex = hexSignature(scheme, scheme.secret);

        assertAccepted(scheme, "  " + prefix(scheme) + hex + "\t");
        assertAccepted(scheme, prefix(scheme) + hex.toUpperCase(Locale.ROOT));
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"ENCRATA", "GITHUB"})
    void aDigestThatIsNotSixtyFourHexDigitsIsMalformed(BuiltIn scheme) {
        String hex = hexSignature(scheme, scheme.secret);
        String p = prefix(scheme);

        assertThat(failureFor(scheme, p + hex.substring(0, 63))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(scheme, p + hex.substring(0, 62))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(scheme, p + hex + "0")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(scheme, p + "z" + hex.substring(1))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(scheme, p + hex.substring(0, 32) + " " + hex.substring(33)))
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(scheme, p)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(scheme, "")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void gitHubSignaturesNeedTheirSha256Prefix() {
        String hex = hexSignature(BuiltIn.GITHUB, BuiltIn.GITHUB.secret);

        assertThat(failureFor(BuiltIn.GITHUB, hex)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(BuiltIn.GITHUB, "sha1=" + hex)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(BuiltIn.GITHUB, "SHA256=" + hex)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(BuiltIn.GITHUB, "sha256= " + hex)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void encrataSignaturesCarryNoPrefix() {
        String hex = hexSignature(BuiltIn.ENCRATA, BuiltIn.ENCRATA.secret);

        assertThat(failureFor(BuiltIn.ENCRATA, "sha256=" + hex)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(BuiltIn.ENCRATA, "v1=" + hex)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"ENCRATA", "GITHUB"})
    void anyOneOfRepeatedHeaderValuesMayMatch(BuiltIn scheme) {
        String p = prefix(scheme);
        String valid = p + hexSignature(scheme, scheme.secret);
        String other = p + hexSignature(scheme, "some_other_secret");

        assertAccepted(scheme, other, valid);
        assertAccepted(scheme, valid, other);
        assertThat(failureFor(scheme, other, p + "0".repeat(64))).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"ENCRATA", "GITHUB"})
    void oneMalformedRepeatedValueSpoilsTheDelivery(BuiltIn scheme) {
        String valid = prefix(scheme) + hexSignature(scheme, scheme.secret);

        assertThat(failureFor(scheme, valid, "not a signature")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(scheme, valid + ", " + valid)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void aSchemeWithAnotherHeaderAndPrefixReadsExactlyThat() throws Exception {
        SignatureScheme custom = SignatureSchemes.hexHmac("X-Acme-Signature", "hmac-sha256:");
        Map<String, String> signed = WebhookSigner.of(custom, "acme_secret_0123456789").sign(BODY, NOW, null);
        SignatureVerifier verifier = SignatureVerifier.builder(custom).secret("acme_secret_0123456789").build();

        assertThat(signed.get("X-Acme-Signature")).startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 64);
        verifier.verify(Headers.of(signed), BODY);
    }

    @Test
    void customSchemesNeedAHeaderName() {
        assertThatThrownBy(() -> SignatureSchemes.hexHmac(" ", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignatureSchemes.hexHmac(null, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignatureSchemes.timestampedHmac("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignatureSchemes.hexHmac("X-Sig", null)).isInstanceOf(NullPointerException.class);
    }
}
