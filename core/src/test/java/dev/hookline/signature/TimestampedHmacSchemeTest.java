package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of the {@code t=<unix>,v1=<hex>} header Exa and Stripe send, shown on Exa's. */
class TimestampedHmacSchemeTest {

    private static final BuiltIn EXA = BuiltIn.EXA;
    private static final String HEADER = "Exa-Signature";
    private static final byte[] BODY = utf8("{\"id\":\"evt_7\",\"object\":\"event\",\"type\":\"webset.created\"}");
    private static final long T = NOW.getEpochSecond();
    /** The hex signature of BODY at NOW under EXA's secret. */
    private static final String V1 = EXA.sign(EXA.secret, BODY, NOW).get(HEADER).substring(("t=" + T + ",v1=").length());

    private final SignatureVerifier verifier = EXA.verifier(NOW, EXA.secret);

    private SignatureFailure failureFor(String headerValue) {
        return failureOf(() -> verifier.verify(Headers.of(Map.of(HEADER, headerValue)), BODY));
    }

    private void assertAccepted(String headerValue) {
        assertThatCode(() -> verifier.verify(Headers.builder().add(HEADER, headerValue).build(), BODY))
                .as(headerValue)
                .doesNotThrowAnyException();
    }

    @Test
    void theSignerWritesTheTimestampThenOneSignature() {
        assertThat(EXA.sign(EXA.secret, BODY, NOW)).containsExactly(Map.entry(HEADER, "t=" + T + ",v1=" + V1));
        assertThat(V1).matches("[0-9a-f]{64}");
        assertAccepted("t=" + T + ",v1=" + V1);
    }

    @Test
    void partsMayComeInAnyOrderWithSpacesAroundThemAndUnknownKeysBetween() {
        assertAccepted("v1=" + V1 + ",t=" + T);
        assertAccepted("t=" + T + ", v1=" + V1);
        assertAccepted("  t = " + T + " ,\tv1= " + V1 + "  ");
        assertAccepted("t=" + T + ",v0=" + "ab".repeat(32) + ",v1=" + V1 + ",scheme=next,x=");
        assertAccepted("t=" + T + ",,v1=" + V1 + ",");
    }

    @Test
    void upperCaseHexIsAccepted() {
        assertAccepted("t=" + T + ",v1=" + V1.toUpperCase(Locale.ROOT));
    }

    @Test
    void anyOneOfSeveralSignaturesMayMatch() {
        String other = EXA.sign("previous_exa_secret", BODY, NOW).get(HEADER).substring(("t=" + T + ",v1=").length());

        assertAccepted("t=" + T + ",v1=" + other + ",v1=" + V1);
        assertAccepted("t=" + T + ",v1=" + V1 + ",v1=" + other);
        assertAccepted("t=" + T + ",v1=" + "0".repeat(64) + ",v1=" + other + ",v1=" + V1);
        assertThat(failureFor("t=" + T + ",v1=" + other + ",v1=" + "0".repeat(64)))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void aSignatureMustBeExactlySixtyFourHexDigits() {
        assertThat(failureFor("t=" + T + ",v1=" + V1.substring(0, 63))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=" + V1.substring(0, 62))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=" + V1 + "0")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=" + V1 + "00")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=" + "g" + V1.substring(1))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=0x" + V1.substring(2))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=" + "\uFF10".repeat(64))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void oneMalformedSignatureSpoilsTheHeaderEvenIfAnotherMatches() {
        assertThat(failureFor("t=" + T + ",v1=" + V1 + ",v1=" + V1.substring(1)))
                .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void aHeaderWithoutAnyV1SignatureMatchesNothing() {
        assertThat(failureFor("t=" + T)).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v0=" + V1 + ",v2=" + V1 + ",foo=bar"))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureFor("t=" + T + ",V1=" + V1)).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void aHeaderWithoutATimestampIsMalformed() {
        assertThat(failureFor("v1=" + V1)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("T=" + T + ",v1=" + V1)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor(" , ,")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void twoTimestampsAreMalformedEvenWhenEqual() {
        assertThat(failureFor("t=" + T + ",t=" + T + ",v1=" + V1)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=" + V1 + ",t=" + (T + 1))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "12a4", "-1", "-" + "1767268800", "+1767268800", "1.5", "1e9", "0x10",
        "1 2", "\u0661\u0662\u0663", "123456789012345678901234567890", "9223372036854775807",
        "9223372036854775808", "1234567890123456789"})
    void aTimestampThatIsNotASmallNonNegativeDecimalIsMalformed(String t) {
        assertThat(failureFor("t=" + t + ",v1=" + V1)).as("t=%s", t).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void aTimestampWithLeadingZerosIsReadAsSignedAndSoDoesNotMatchTheUnpaddedSignature() {
        assertThat(failureFor("t=0" + T + ",v1=" + V1)).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void aPartWithoutAKeyOrWithoutAnEqualsSignIsMalformed() {
        assertThat(failureFor("t=" + T + ",=" + V1 + ",v1=" + V1)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t=" + T + ",v1=" + V1 + ",garbage")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertThat(failureFor("t" + T + ",v1=" + V1)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void aValueIsSplitOnlyOnItsFirstEqualsSign() {
        assertThat(failureFor("t=" + T + ",v1=" + V1 + "=")).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
        assertAccepted("t=" + T + ",v1=" + V1 + ",note=a=b=c");
    }

    @Test
    void repeatedHeaderValuesAreReadAsOneCommaSeparatedList() {
        String other = EXA.sign("previous_exa_secret", BODY, NOW).get(HEADER).substring(("t=" + T + ",v1=").length());
        Headers split = Headers.builder().add(HEADER, "t=" + T).add(HEADER, "v1=" + V1).build();
        Headers rotated = Headers.builder().add(HEADER, "t=" + T + ",v1=" + other).add(HEADER, "v1=" + V1).build();

        assertThatCode(() -> verifier.verify(split, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(rotated, BODY)).doesNotThrowAnyException();
    }

    @Test
    void aTimestampInEachOfTwoRepeatedHeaderValuesIsMalformed() {
        Headers duplicated = Headers.builder()
                .add(HEADER, "t=" + T + ",v1=" + V1)
                .add(HEADER, "t=" + T + ",v1=" + V1)
                .build();

        assertThat(failureOf(() -> verifier.verify(duplicated, BODY))).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void exaSecretsAreUsedAsIsEvenWithAWhsecPrefix() throws Exception {
        String secret = "whsec_c2VjcmV0LWxvb2tpbmctbGlrZS1iYXNlNjQ=";
        String stripped = secret.substring("whsec_".length());
        SignatureVerifier prefixed = EXA.verifier(NOW, secret);

        prefixed.verify(Headers.of(EXA.sign(secret, BODY, NOW)), BODY);
        assertThat(failureOf(() -> prefixed.verify(Headers.of(EXA.sign(stripped, BODY, NOW)), BODY)))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(EXA.sign(secret, BODY, NOW)).isNotEqualTo(EXA.sign(stripped, BODY, NOW));
    }

    @Test
    void stripeUsesTheSameFormUnderItsOwnHeader() {
        String value = BuiltIn.STRIPE.sign(EXA.secret, BODY, NOW).get("Stripe-Signature");
        SignatureVerifier stripe = BuiltIn.STRIPE.verifier(NOW, EXA.secret);

        assertThat(value).isEqualTo("t=" + T + ",v1=" + V1);
        assertThat(failureOf(() -> stripe.verify(Headers.of(Map.of(HEADER, value)), BODY)))
                .isEqualTo(SignatureFailure.MISSING_SIGNATURE);
    }

    @Test
    void aSchemeForAnotherHeaderReadsOnlyThatHeader() throws Exception {
        SignatureScheme custom = SignatureSchemes.timestampedHmac("X-Acme-Signature");
        SignatureVerifier acme = SignatureVerifier.builder(custom)
                .secret(EXA.secret)
                .clock(SignatureFixtures.clockAt(NOW))
                .build();
        String value = "t=" + T + ",v1=" + V1;

        acme.verify(Headers.of(Map.of("x-acme-signature", value)), BODY);
        assertThat(failureOf(() -> acme.verify(Headers.of(Map.of(HEADER, value)), BODY)))
                .isEqualTo(SignatureFailure.MISSING_SIGNATURE);
    }
}
