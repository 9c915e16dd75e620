package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.clockAt;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static dev.hookline.signature.SignatureFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing the signature layer prints, in any failure, ever shows a secret or a signature. */
class SecretLeakTest {

    private static final String CANARY = "canary7f3e";
    private static final SignatureFailure MISSING = SignatureFailure.MISSING_SIGNATURE;
    private static final SignatureFailure MALFORMED = SignatureFailure.MALFORMED_SIGNATURE;
    private static final SignatureFailure NO_MATCH = SignatureFailure.NO_MATCHING_SIGNATURE;
    private static final SignatureFailure STALE = SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE;
    private static final byte[] BODY = utf8("{\"id\":\"evt_leak\",\"type\":\"leak.test\"}");

    /** A valid secret for the scheme whose every printed form contains {@link #CANARY}. */
    private static String canarySecret(BuiltIn scheme) {
        if (scheme == BuiltIn.STANDARD_WEBHOOKS) {
            // "whsec_" + base64 whose text, and whose decoded bytes, both contain the canary
            return "whsec_" + CANARY + "AA" + Base64.getEncoder().encodeToString(utf8("key " + CANARY + " bytes!"));
        }
        return "secret-" + CANARY + "-for-" + scheme.name().toLowerCase(Locale.ROOT);
    }

    /** Everything about a secret that must not be printed. */
    private static List<String> forbidden(String secret, Map<String, String> signed) {
        List<String> forbidden = new ArrayList<>(List.of(secret, CANARY));
        if (secret.startsWith("whsec_")) {
            forbidden.add(secret.substring("whsec_".length()));
        }
        signed.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("webhook-id") && !name.equalsIgnoreCase("webhook-timestamp")) {
                forbidden.add(value);
                forbidden.add(value.replaceAll("^(t=\\d+,v1=|v1,|sha256=)", ""));
            }
        });
        return forbidden;
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void noFailureOfAnySchemePrintsTheSecretOrTheSignature(BuiltIn scheme) {
        String secret = canarySecret(scheme);
        Map<String, String> signed = scheme.sign(secret, BODY, NOW);
        String signature = signed.get(scheme.signatureHeader);
        SignatureVerifier verifier = scheme.verifier(NOW, secret);
        WebhookSigner signer = WebhookSigner.of(scheme.scheme, secret, clockAt(NOW));

        List<SignatureVerificationException> failures = new ArrayList<>();
        failures.add(failure(verifier, Headers.empty(), BODY));
        failures.add(failure(verifier, with(signed, scheme.signatureHeader, signature.substring(0, signature.length() - 3)),
                BODY));
        failures.add(failure(verifier, Headers.of(signed), utf8("{\"id\":\"evt_forged\"}")));
        failures.add(failure(verifier, Headers.of(scheme.sign(scheme.randomSecret(new Random(4)), BODY, NOW)), BODY));
        if (scheme.signsTimestamp) {
            failures.add(failure(verifier, Headers.of(scheme.sign(secret, BODY, NOW.minus(Duration.ofDays(1)))), BODY));
        }

        assertThat(failures).extracting(SignatureVerificationException::failure).containsExactlyInAnyOrderElementsOf(
                scheme.signsTimestamp ? List.of(MISSING, MALFORMED, NO_MATCH, NO_MATCH, STALE)
                        : List.of(MISSING, MALFORMED, NO_MATCH, NO_MATCH));

        List<String> printed = new ArrayList<>();
        for (SignatureVerificationException failure : failures) {
            printed.add(failure.getMessage());
            printed.add(failure.getLocalizedMessage());
            printed.add(failure.toString());
        }
        printed.add(verifier.toString());
        printed.add(signer.toString());
        printed.add(scheme.scheme.key(secret).toString());
        printed.add(scheme.scheme.toString());
        printed.add(Headers.of(signed).toString());
        printed.add(signer.headers(BODY, NOW, SignatureFixtures.MESSAGE_ID).toString());

        assertNoneContains(printed, forbidden(secret, signed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_" + CANARY + "*", CANARY + " with spaces", "whsec_" + CANARY + "=x",
        "whsec_" + CANARY + "\u00e9", "whsec_", "whsec_===="})
    void anInvalidStandardWebhooksSecretIsNotPrinted(String secret) {
        Throwable byBuilder = catchThrowable(
                () -> SignatureVerifier.builder(SignatureSchemes.standardWebhooks()).secret(secret).build());
        Throwable bySigner = catchThrowable(() -> WebhookSigner.of(SignatureSchemes.standardWebhooks(), secret));

        assertThat(byBuilder).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Secret #1 is not a valid secret for StandardWebhooksScheme: ");
        assertThat(bySigner).isInstanceOf(IllegalArgumentException.class);
        List<String> forbidden = secret.length() > "whsec_".length()
                ? List.of(secret, secret.substring("whsec_".length()), CANARY)
                : List.of(CANARY);
        assertNoneContains(everythingPrinted(byBuilder), forbidden);
        assertNoneContains(everythingPrinted(bySigner), forbidden);
    }

    private static SignatureVerificationException failure(SignatureVerifier verifier, Headers headers, byte[] body) {
        SignatureVerificationException thrown = catchThrowableOfType(SignatureVerificationException.class,
                () -> verifier.verify(headers, body));
        assertThat(thrown).isNotNull();
        return thrown;
    }

    /** The message and string form of a throwable and of every cause and suppressed throwable under it. */
    private static List<String> everythingPrinted(Throwable thrown) {
        List<String> printed = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            printed.add(String.valueOf(t.getMessage()));
            printed.add(t.toString());
            for (Throwable suppressed : t.getSuppressed()) {
                printed.addAll(everythingPrinted(suppressed));
            }
        }
        return printed;
    }

    private static void assertNoneContains(List<String> printed, List<String> forbidden) {
        for (String text : printed) {
            for (String secretText : forbidden) {
                assertThat(text).as("printed text").doesNotContain(secretText);
            }
        }
    }
}
