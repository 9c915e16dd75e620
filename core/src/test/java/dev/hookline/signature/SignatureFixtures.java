package dev.hookline.signature;

import dev.hookline.delivery.Headers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Shared helpers for the signature tests: the built-in schemes, fixed clocks, header edits and failure capture. */
final class SignatureFixtures {

    /** The time every test that does not use a published vector signs and verifies at. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static final String MESSAGE_ID = "msg_2mYJq8mBx5Fv3sZkWcT1dP";

    private SignatureFixtures() {
    }

    /** The built-in schemes, with what a test needs to know about each. */
    enum BuiltIn {
        EXA(SignatureSchemes.exa(), "Exa-Signature", true, "exa_secret_for_tests"),
        STRIPE(SignatureSchemes.stripe(), "Stripe-Signature", true, "whsec_stripeSecretForTests"),
        ENCRATA(SignatureSchemes.encrata(), "X-Encrata-Signature", false,
                "whsec_6cce5d5445b12e649ce9e715a2ef4addc9117d6bf3013a0f388997ed20711b1c"),
        GITHUB(SignatureSchemes.github(), "X-Hub-Signature-256", false, "github secret for tests"),
        STANDARD_WEBHOOKS(SignatureSchemes.standardWebhooks(), "webhook-signature", true,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        final SignatureScheme scheme;
        /** The header carrying the signature itself. */
        final String signatureHeader;
        /** Whether a timestamp is signed, and so checked against the tolerance. */
        final boolean signsTimestamp;
        /** A valid secret for this scheme. */
        final String secret;

        BuiltIn(SignatureScheme scheme, String signatureHeader, boolean signsTimestamp, String secret) {
            this.scheme = scheme;
            this.signatureHeader = signatureHeader;
            this.signsTimestamp = signsTimestamp;
            this.secret = secret;
        }

        /** A random valid secret for this scheme. */
        String randomSecret(Random random) {
            if (this == STANDARD_WEBHOOKS) {
                byte[] key = new byte[16 + random.nextInt(49)];
                random.nextBytes(key);
                return (random.nextBoolean() ? "whsec_" : "") + Base64.getEncoder().encodeToString(key);
            }
            return randomText(random, 16 + random.nextInt(48)); // the shortest key accepted, and two draws never coincide
        }

        /** Signs {@code body} with {@code secret} at {@code at}, as a sender would. */
        Map<String, String> sign(String secret, byte[] body, Instant at) {
            return WebhookSigner.of(scheme, secret, clockAt(at)).sign(body, at, MESSAGE_ID);
        }

        /** A verifier of this scheme accepting {@code secrets}, whose clock stands at {@code now}. */
        SignatureVerifier verifier(Instant now, String... secrets) {
            return SignatureVerifier.builder(scheme).secrets(secrets).clock(clockAt(now)).build();
        }
    }

    /** A verification, which may fail with a reason. */
    @FunctionalInterface
    interface Verification {
        void run() throws SignatureVerificationException;
    }

    /**
     * The seed for a randomised test: the system property {@code hookline.test.seed} when set, to replay a
     * failure, otherwise a new one each run. Tests put it in every assertion message.
     */
    static long seed() {
        Long fixed = Long.getLong("hookline.test.seed");
        return fixed != null ? fixed : new SecureRandom().nextLong();
    }

    /**
     * The reason a verification failed, or {@code null} if it succeeded, so that {@code assertThat(failureOf(...))
     * .as(context)} reports either outcome with its context. Any other exception propagates and fails the test.
     */
    static SignatureFailure failureOf(Verification verification) {
        try {
            verification.run();
            return null;
        } catch (SignatureVerificationException e) {
            return e.failure();
        }
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code signed} with one header set to {@code value}, replacing any value it had. */
    static Headers with(Map<String, String> signed, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(signed);
        copy.put(name, value);
        return Headers.of(copy);
    }

    /** {@code signed} without the named header. */
    static Headers without(Map<String, String> signed, String name) {
        Map<String, String> copy = new LinkedHashMap<>(signed);
        copy.remove(name);
        return Headers.of(copy);
    }

    /** A copy of {@code body} that differs in exactly one byte (or, for an empty body, has one byte more). */
    static byte[] tamper(byte[] body, Random random) {
        if (body.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        byte[] copy = body.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
        return copy;
    }

    /** Text of {@code length} code points mixing ASCII, Latin, CJK and astral characters. */
    static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.appendCodePoint(0xE0 + random.nextInt(0x100));
                case 1 -> text.appendCodePoint(0x4E00 + random.nextInt(0x5000));
                case 2 -> text.appendCodePoint(0x1F600 + random.nextInt(0x50));
                default -> text.append((char) (0x21 + random.nextInt(0x5E)));
            }
        }
        return text.toString();
    }

    /** A header value made printable for an assertion message: escaped and cut short. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (c >= 0x20 && c < 0x7F) {
                out.append((char) c);
            } else {
                out.append(String.format("\\u{%X}", c));
            }
        });
        if (value.codePointCount(0, value.length()) > 80) {
            out.append("... (").append(value.length()).append(" chars)");
        }
        return '"' + out.toString() + '"';
    }
}
