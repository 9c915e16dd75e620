package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.printable;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static dev.hookline.signature.SignatureFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import dev.hookline.signature.SignatureFixtures.Verification;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whatever arrives in the headers, verification ends in a {@link SignatureVerificationException} with a
 * reason about the header, never in a parser's runtime exception.
 */
class HostileHeaderTest {

    private static final long SEED = 20260301L;
    private static final byte[] BODY = utf8("{\"id\":\"evt_hostile\"}");
    private static final String HEX64 = "0123456789abcdef".repeat(4);
    private static final String BASE64_44 = "A".repeat(43) + "=";
    private static final Set<SignatureFailure> ABOUT_THE_HEADER = Set.of(SignatureFailure.MISSING_SIGNATURE,
            SignatureFailure.MALFORMED_SIGNATURE, SignatureFailure.NO_MATCHING_SIGNATURE);

    static final List<String> HOSTILE = hostileValues();

    private static List<String> hostileValues() {
        Set<String> values = new LinkedHashSet<>(List.of(
                "", " ", "\t", "   \t  ", ",", ",,,,", " , , ", "=", "==", "=,=", "t", "t=", "t=,", "t=,v1=", ",,,v1=",
                "v1=", "v1", "t=1", "t=1,v1=zz", "t=1,v1=", "t=1,v1=" + HEX64.substring(1), "t=1,v1=" + HEX64 + HEX64,
                "t=-1,v1=" + HEX64, "t=+1,v1=" + HEX64, "t= ,v1=" + HEX64, "t=1 2,v1=" + HEX64, "t=1,t=1,v1=" + HEX64,
                "t=" + "9".repeat(18) + ",v1=" + HEX64, "t=" + "9".repeat(19) + ",v1=" + HEX64,
                "t=" + "9".repeat(30) + ",v1=" + HEX64, "t=" + "1".repeat(5000), "t=9223372036854775807",
                "t=9223372036854775808", "t=-9223372036854775808", "t=1e400", "t=NaN", "t=Infinity", "t=0x1F",
                "t=\u0661\u0662\u0663", "t=\uFF11\uFF12", "t=1\u0000,v1=" + HEX64, "t\u0000=1,v1=" + HEX64,
                "t==1", "t=1=1", "=1", "=" + HEX64, "v1=" + "a".repeat(10_000), ",".repeat(10_000),
                "=".repeat(10_000), "t=1,".repeat(2_000), "v1=,".repeat(2_000), " ".repeat(10_000),
                "\u0000", "\u0000\u0000\u0000", "\r\n", "\r\nX-Injected: 1", "\u007f", "\u0085", "\u00a0", "\u2028",
                "\u200b", "\ufeff", "\ufffd", "\uD800", "\uDC00\uD800", "t=\uD83D,v1=" + HEX64, "\uD83D\uDE00",
                "t=\uD83D\uDE00", "t=1,v1=" + "\uD83D\uDE00".repeat(32), "t=1,v1=" + "\u00e9".repeat(64),
                "v1,", "v1, ", "v1,=", "v1,====", "v1a,", "v1a," + BASE64_44, "v1," + BASE64_44.replace('=', 'A'),
                "v1," + "A".repeat(43), "v1," + "A".repeat(42) + "==", "v1,@@@@", "v1," + "-".repeat(43) + "=",
                "v1," + "\u00c0".repeat(43) + "=", "v1," + HEX64, ",v1", ",,", " v1, v1,", "v1,,v1,", "v1 ,x",
                "v1," + BASE64_44 + "," + BASE64_44, "v1," + "A".repeat(10_000), "whsec_", "whsec_" + BASE64_44,
                "sha256", "sha256=", "sha256==", "sha256=" + "g".repeat(64), "sha256=" + HEX64.substring(1),
                "sha256=" + HEX64 + "0", "sha256=" + "\uFF10".repeat(64), "SHA256=" + HEX64, HEX64.substring(2),
                HEX64 + " " + HEX64, HEX64 + "," + HEX64, "0x" + HEX64.substring(2), "-" + HEX64.substring(1),
                "null", "undefined", "[]", "{}", "\"" + HEX64 + "\"", "%00", "%2C", "t%3D1", "<script>", "'; --"));
        Random random = new Random(SEED);
        List<String> fragments = List.of("t", "v1", "v0", "v1a", "v2", "=", "==", ",", ", ", " ", "\t", ".", "-", "+",
                "0", "1234567890", "9".repeat(25), HEX64, HEX64.substring(7), BASE64_44, "=", "sha256=", "whsec_",
                "\uD83D\uDE00", "\u00e9", "\u0000", "\u007f", "\uD800", "\r\n", "\u00a0");
        while (values.size() < 320) {
            StringBuilder value = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int i = 0; i < parts; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> value.append(random.nextLong());
                    case 1 -> value.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                    default -> value.append(fragments.get(random.nextInt(fragments.size())));
                }
            }
            values.add(value.toString());
        }
        return List.copyOf(values);
    }

    @Test
    void thereAreAFewHundredHostileValues() {
        assertThat(HOSTILE).hasSizeGreaterThanOrEqualTo(300).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void anyValueOfTheSignatureHeaderFailsWithAReasonAboutTheHeader(BuiltIn scheme) {
        Map<String, String> signed = scheme.sign(scheme.secret, BODY, NOW);
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);
        SoftAssertions softly = new SoftAssertions();

        for (String value : HOSTILE) {
            Headers headers = with(signed, scheme.signatureHeader, value);
            assertFailsAboutTheHeader(softly, scheme + " signature " + printable(value), () -> verifier.verify(headers, BODY));
        }

        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void aHostileValueRepeatedAfterAValidOneNeverThrowsAnythingElse(BuiltIn scheme) {
        Map<String, String> signed = scheme.sign(scheme.secret, BODY, NOW);
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);
        SoftAssertions softly = new SoftAssertions();

        for (String value : HOSTILE) {
            Headers.Builder builder = Headers.builder();
            signed.forEach(builder::add);
            Headers headers = builder.add(scheme.signatureHeader, value).build();
            Throwable thrown = catchThrowable(() -> verifier.verify(headers, BODY));
            // an extra value may be harmless (an empty one, an unknown key): then the delivery still verifies
            if (thrown != null) {
                assertAboutTheHeader(softly, scheme + " repeated " + printable(value), thrown);
            }
        }

        softly.assertAll();
    }

    @Test
    void anyValueOfTheStandardWebhooksIdOrTimestampFailsWithAReasonAboutTheHeader() {
        BuiltIn scheme = BuiltIn.STANDARD_WEBHOOKS;
        Map<String, String> signed = scheme.sign(scheme.secret, BODY, NOW);
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);
        SoftAssertions softly = new SoftAssertions();

        for (String value : HOSTILE) {
            for (String header : List.of("webhook-id", "webhook-timestamp")) {
                Headers headers = with(signed, header, value);
                assertFailsAboutTheHeader(softly, header + " " + printable(value), () -> verifier.verify(headers, BODY));
            }
        }

        softly.assertAll();
    }

    @Test
    void everyHeaderHostileAtOnceStillFailsWithAReasonAboutTheHeader() {
        Random random = new Random(SEED + 1);
        SoftAssertions softly = new SoftAssertions();

        for (BuiltIn scheme : BuiltIn.values()) {
            SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);
            for (int i = 0; i < HOSTILE.size(); i++) {
                List<String> picked = new ArrayList<>();
                Headers.Builder builder = Headers.builder();
                for (String header : List.of(scheme.signatureHeader, "webhook-id", "webhook-timestamp")) {
                    String value = HOSTILE.get(random.nextInt(HOSTILE.size()));
                    picked.add(printable(value));
                    builder.add(header, value);
                }
                Headers headers = builder.build();
                assertFailsAboutTheHeader(softly, scheme + " " + picked, () -> verifier.verify(headers, BODY));
            }
        }

        softly.assertAll();
    }

    private static void assertFailsAboutTheHeader(SoftAssertions softly, String description, Verification verification) {
        Throwable thrown = catchThrowable(verification::run);
        softly.assertThat(thrown).as(description).isNotNull();
        if (thrown != null) {
            assertAboutTheHeader(softly, description, thrown);
        }
    }

    private static void assertAboutTheHeader(SoftAssertions softly, String description, Throwable thrown) {
        softly.assertThat(thrown).as(description).isInstanceOf(SignatureVerificationException.class);
        if (thrown instanceof SignatureVerificationException failure) {
            softly.assertThat(failure.failure()).as(description).isIn(ABOUT_THE_HEADER);
        }
    }
}
