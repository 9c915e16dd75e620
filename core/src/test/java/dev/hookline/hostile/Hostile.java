package dev.hookline.hostile;

import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.delivery.Headers;
import dev.hookline.event.EventType;
import dev.hookline.event.PayloadFailure;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureScheme;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.SignatureVerifier;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the hostile-input tests share: the five schemes with a distinctive secret each, a fixed clock, and the
 * checks every outcome and every failure must pass whatever the input was.
 */
final class Hostile {

    /** The time every delivery is received at. */
    static final Instant NOW = Instant.parse("2026-05-02T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration TOLERANCE = SignatureVerifier.DEFAULT_TOLERANCE;

    /** Reasons a signature check may give: never the tolerance one, unless a test signed in or out of it on purpose. */
    static final Set<SignatureFailure> ABOUT_THE_SIGNATURE = Set.of(SignatureFailure.MISSING_SIGNATURE,
            SignatureFailure.MALFORMED_SIGNATURE, SignatureFailure.NO_MATCHING_SIGNATURE);

    /** Payload failures that the envelope itself reports, before an event (and its id) exists. */
    static final Set<PayloadFailure> BEFORE_AN_EVENT = Set.of(PayloadFailure.NOT_JSON,
            PayloadFailure.MISSING_EVENT_TYPE, PayloadFailure.MISSING_EVENT_ID);

    private Hostile() {
    }

    /**
     * The public key of RFC 8032's first test vector, as Standard Webhooks writes one: the fuzzed Standard Webhooks
     * verifier holds it beside its HMAC secret, so that {@code v1a} entries are parsed and checked too.
     */
    static final String ED25519_PUBLIC_KEY = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    /** The built-in schemes, each with a secret no output may ever contain. */
    enum Scheme {
        EXA(SignatureSchemes.exa(), Providers.exa(), "Exa-Signature",
                "exa-canary-7Qx2vLk9PzR4wNc8", "exa-canary-7Qx2vLk9PzR4wNc8"),
        STRIPE(SignatureSchemes.stripe(), null, "Stripe-Signature",
                "whsec_stripeCanary3Hn8Tq5Vb1Mz", "stripeCanary3Hn8Tq5Vb1Mz"),
        ENCRATA(SignatureSchemes.encrata(), Providers.encrata(), "X-Encrata-Signature",
                "whsec_c4a7e1f09b2d38e6a5c71f0d94b2e8a3c6f1d07b59e2a48c3d6f90e1b7a25c48",
                "c4a7e1f09b2d38e6a5c71f0d94b2e8a3c6f1d07b59e2a48c3d6f90e1b7a25c48"),
        GITHUB(SignatureSchemes.github(), null, "X-Hub-Signature-256",
                "github-canary-Jm4Rt8Ws2Xe6Yd0", "github-canary-Jm4Rt8Ws2Xe6Yd0"),
        STANDARD_WEBHOOKS(SignatureSchemes.standardWebhooks(), Providers.standardWebhooks(), "webhook-signature",
                "whsec_Q2FuYXJ5S2V5Rm9ySG9zdGlsZVRlc3RzWjk4", "Q2FuYXJ5S2V5Rm9ySG9zdGlsZVRlc3RzWjk4");

        final SignatureScheme scheme;
        /** The built-in provider using this scheme, or null for the schemes that have none. */
        final Provider provider;
        final String signatureHeader;
        final String secret;
        /** The part of the secret that is distinctive: what a leak would show even with the prefix cut off. */
        final String canary;

        Scheme(SignatureScheme scheme, Provider provider, String signatureHeader, String secret, String canary) {
            this.scheme = scheme;
            this.provider = provider;
            this.signatureHeader = signatureHeader;
            this.secret = secret;
            this.canary = canary;
        }

        boolean signsTimestamp() {
            return this == EXA || this == STRIPE || this == STANDARD_WEBHOOKS;
        }

        /** Where the signed timestamp travels: its own header, or inside the signature header. */
        boolean timestampInSignatureHeader() {
            return this == EXA || this == STRIPE;
        }

        WebhookSigner signer() {
            return WebhookSigner.of(scheme, secret, CLOCK);
        }

        SignatureVerifier verifier() {
            SignatureVerifier.Builder builder = SignatureVerifier.builder(scheme).secret(secret).clock(CLOCK);
            if (this == STANDARD_WEBHOOKS) {
                builder.secret(ED25519_PUBLIC_KEY); // v1a entries are checked against it: never with a match here
            }
            return builder.build();
        }

        /** The header names this scheme reads. */
        List<String> headerNames() {
            return this == STANDARD_WEBHOOKS
                    ? List.of("webhook-id", "webhook-timestamp", "webhook-signature")
                    : List.of(signatureHeader);
        }

        static final List<Scheme> WITH_PROVIDER = List.of(EXA, ENCRATA, STANDARD_WEBHOOKS);
    }

    /**
     * An endpoint for a built-in provider that binds the data of every catalogue type it receives (so binding
     * failures surface as outcomes) and counts every event; deduplicating with {@code deduplicator}, and
     * checking event times against {@code maxEventAge} unless it is null.
     */
    static WebhookEndpoint endpoint(Scheme scheme, Deduplicator deduplicator, Duration maxEventAge) {
        WebhookEndpoint.Builder builder = WebhookEndpoint.builder(scheme.provider)
                .secret(scheme.secret)
                .clock(CLOCK)
                .deduplicator(deduplicator)
                .duplicateWait(Duration.ZERO);
        if (maxEventAge != null) {
            builder.maxEventAge(maxEventAge);
        } else {
            builder.withoutEventAgeCheck();
        }
        for (EventType<?> type : scheme.provider.catalog().types()) {
            bindEvery(builder, type);
        }
        WebhookEndpoint endpoint = builder.onAny(event -> { }).build();
        assertNoSecret(scheme, "endpoint", endpoint.toString());
        return endpoint;
    }

    private static <T> void bindEvery(WebhookEndpoint.Builder builder, EventType<T> type) {
        builder.on(type, data -> {
            if (data == null) {
                throw new AssertionError("bound data of " + type + " is null");
            }
        });
    }

    /**
     * Checks what every outcome must be, whatever the input: a defined status, a reason exactly when it is not
     * acknowledged and of the kind that status allows, an event id exactly when an event was read, no failure
     * unless FAILED, and no secret anywhere in it (unless the input itself carried the secret, which the outcome
     * may then echo as the event id). Throws {@link AssertionError} with the outcome otherwise.
     */
    static void assertWellFormed(Outcome outcome, Scheme scheme, Headers headers, byte[] body) {
        check(outcome != null, "no outcome", null);
        check(outcome.status() != null, "no status", outcome);
        check(outcome.elapsed() != null && !outcome.elapsed().isNegative(), "elapsed", outcome);
        boolean eventRead = outcome.eventId() != null;
        check(eventRead == (outcome.eventType() != null), "id and type come together", outcome);
        check(eventRead || outcome.handlersRun() == 0, "handlers ran without an event", outcome);
        switch (outcome.status()) {
            case ACCEPTED -> {
                check(outcome.reason() == null && eventRead && outcome.failure() == null, "accepted", outcome);
                check(!outcome.eventId().isEmpty() && !outcome.eventType().isEmpty(), "empty id or type", outcome);
            }
            case DUPLICATE -> check(outcome.reason() == null && eventRead && outcome.failure() == null
                    && outcome.handlersRun() == 0, "duplicate", outcome);
            case REJECTED -> {
                boolean signature = outcome.reason() instanceof SignatureFailure && !eventRead;
                boolean eventTime = outcome.reason() == PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE && eventRead;
                check((signature || eventTime) && outcome.failure() == null && outcome.handlersRun() == 0,
                        "rejected", outcome);
            }
            case MALFORMED -> {
                check(outcome.reason() instanceof PayloadFailure
                        && outcome.reason() != PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE
                        && outcome.failure() == null && outcome.handlersRun() == 0, "malformed", outcome);
                check(BEFORE_AN_EVENT.contains((PayloadFailure) outcome.reason()) != eventRead,
                        "an event id exactly when the envelope was read", outcome);
            }
            case FAILED -> check(outcome.reason() instanceof DeliveryFailure && eventRead, "failed", outcome);
            default -> throw new AssertionError("undefined status " + outcome.status());
        }
        if (outcome.reason() != null) {
            check(outcome.reason().code().matches("[a-z_]+"), "reason code", outcome);
            check(!outcome.reason().description().isBlank(), "reason description", outcome);
        }
        if (!inputCarriesSecret(scheme, headers, body)) {
            assertNoSecret(scheme, "outcome", outcome.toString());
        }
        if (outcome.reason() != null) {
            assertNoSecret(scheme, "reason", outcome.reason().code() + " " + outcome.reason().description());
        }
    }

    /** Checks that a caught exception, its causes and suppressed ones, never show the secret. */
    static void assertNoSecret(Scheme scheme, Throwable thrown) {
        List<Throwable> seen = new ArrayList<>();
        collect(thrown, seen);
        for (Throwable t : seen) {
            assertNoSecret(scheme, t.getClass().getName(), String.valueOf(t.getMessage()) + " " + t);
        }
    }

    private static void collect(Throwable thrown, List<Throwable> into) {
        if (thrown == null || into.contains(thrown)) {
            return;
        }
        into.add(thrown);
        collect(thrown.getCause(), into);
        for (Throwable suppressed : thrown.getSuppressed()) {
            collect(suppressed, into);
        }
    }

    /** Checks that {@code text} holds neither the secret nor its distinctive part. */
    static void assertNoSecret(Scheme scheme, String what, String text) {
        if (text != null && (text.contains(scheme.secret) || text.contains(scheme.canary))) {
            throw new AssertionError(what + " shows the " + scheme + " secret");
        }
    }

    /** Whether any header value or the body carries the secret: then an echo of the input is not a leak. */
    static boolean inputCarriesSecret(Scheme scheme, Headers headers, byte[] body) {
        for (String name : headers.names()) {
            for (String value : headers.all(name)) {
                if (value.contains(scheme.canary) || name.contains(scheme.canary)) {
                    return true;
                }
            }
        }
        return new String(body, StandardCharsets.ISO_8859_1).contains(scheme.canary);
    }

    private static void check(boolean condition, String what, Outcome outcome) {
        if (!condition) {
            throw new AssertionError("inconsistent outcome (" + what + "): " + outcome
                    + (outcome == null ? "" : ", reason=" + outcome.reason()));
        }
    }

    /** Copies of {@code signed} with {@code name} set to {@code value}, or removed when {@code value} is null. */
    static Headers replace(Map<String, String> signed, String name, String value) {
        Headers.Builder builder = Headers.builder();
        signed.forEach((header, original) -> {
            if (!header.equalsIgnoreCase(name)) {
                builder.add(header, original);
            } else if (value != null) {
                builder.add(header, value);
            }
        });
        return builder.build();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The seed of a randomised test: {@code -Dhookline.test.seed=N} to replay one, otherwise a new one each run.
     * Every assertion message carries it.
     */
    static long seed() {
        Long fixed = Long.getLong("hookline.test.seed");
        return fixed != null ? fixed : new SecureRandom().nextLong();
    }

    /** The context to put in an assertion message of a seeded test. */
    static String replay(long seed, int iteration) {
        return "seed " + seed + ", case " + iteration + " (replay with -Dhookline.test.seed=" + seed + ")";
    }
}
