package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.NOW;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookline.delivery.Headers;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.hostile.Tampering.Tampered;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureVerificationException;
import dev.hookline.signature.SignatureVerifier;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Each signature header parser under fuzzing, through the public {@link SignatureVerifier}: only a
 * {@link SignatureVerificationException} ever leaves it, with a reason that fits the input, and never a secret.
 *
 * <p>Replays {@code src/test/resources/dev/hookline/hostile/SignatureFuzzTestInputs/} in every build; fuzzes
 * with {@code JAZZER_FUZZ=1} (see the README's Fuzzing section).
 */
class SignatureFuzzTest {

    private static final Map<Scheme, SignatureVerifier> VERIFIERS = new EnumMap<>(Scheme.class);

    static {
        for (Scheme scheme : Scheme.values()) {
            VERIFIERS.put(scheme, scheme.verifier());
        }
    }

    /** Exa and Stripe: {@code t=<unix>,v1=<hex>[,v1=...]} in one or more values. */
    @FuzzTest
    @DictionaryEntries({"t=", "v1=", "v0=", ",", "=", " ", "1777723200",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void timestampedHeader(FuzzedDataProvider data) {
        verifyUnsigned(data.pickValue(List.of(Scheme.EXA, Scheme.STRIPE)), data);
    }

    /** Encrata and GitHub: {@code <hex>} and {@code sha256=<hex>} over the body. */
    @FuzzTest
    @DictionaryEntries({"sha256=", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void hexHeader(FuzzedDataProvider data) {
        verifyUnsigned(data.pickValue(List.of(Scheme.ENCRATA, Scheme.GITHUB)), data);
    }

    /** Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64> ...}. */
    @FuzzTest
    @DictionaryEntries({"v1,", "v1a,", "v2,", " ", "=", "1777723200", "msg_",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
    void standardWebhooksHeaders(FuzzedDataProvider data) {
        verifyUnsigned(Scheme.STANDARD_WEBHOOKS, data);
    }

    /**
     * Any scheme, a body signed with the verifier's secret at a fuzzed time, then one fuzzed change: the result
     * is exactly what {@link Tampering} says that change must give.
     */
    @FuzzTest
    void signedThenTampered(FuzzedDataProvider data) {
        Scheme scheme = data.pickValue(Scheme.values());
        Instant signedAt = NOW.plusSeconds(data.consumeLong(-900, 900));
        String id = data.consumeString(60);
        try {
            scheme.signer().sign(new byte[0], signedAt, id);
        } catch (IllegalArgumentException e) {
            id = "msg_fuzz";
        }
        byte[] body = data.consumeBytes(data.consumeInt(0, 1024));
        Tampered tampered = Tampering.signAndTamper(scheme, body, signedAt, id, data);

        SignatureFailure failure = verify(scheme, tampered.headers(), tampered.body());

        tampered.assertResult(failure, NOW);
    }

    /** Header values straight from the fuzzer: never authentic, and missing exactly when a header is absent. */
    private static void verifyUnsigned(Scheme scheme, FuzzedDataProvider data) {
        Headers.Builder builder = Headers.builder();
        for (String name : scheme.headerNames()) {
            int values = data.consumeInt(0, 3);
            for (int i = 0; i < values; i++) {
                builder.add(name, data.consumeString(500));
            }
        }
        Headers headers = builder.build();
        byte[] body = data.consumeRemainingAsBytes();

        SignatureFailure failure = verify(scheme, headers, body);

        boolean complete = scheme.headerNames().stream().allMatch(headers::contains);
        boolean expected = complete
                ? failure == SignatureFailure.MALFORMED_SIGNATURE || failure == SignatureFailure.NO_MATCHING_SIGNATURE
                : failure == SignatureFailure.MISSING_SIGNATURE;
        if (!expected) {
            throw new AssertionError(scheme + " with headers complete: " + complete + " gave "
                    + (failure == null ? "success" : failure));
        }
    }

    /** The failure of verifying, or null on success; anything but a verification failure propagates. */
    private static SignatureFailure verify(Scheme scheme, Headers headers, byte[] body) {
        SignatureVerifier verifier = VERIFIERS.get(scheme);
        try {
            verifier.verify(headers, body, NOW);
            return null;
        } catch (SignatureVerificationException e) {
            Hostile.assertNoSecret(scheme, e);
            if (e.failure() == null || !e.getMessage().equals(e.failure().description())) {
                throw new AssertionError("a failure's message is its reason's description: " + e.getMessage());
            }
            return e.failure();
        }
    }
}
