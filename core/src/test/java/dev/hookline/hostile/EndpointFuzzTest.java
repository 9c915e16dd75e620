package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.NOW;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.hostile.Tampering.Tampered;
import dev.hookline.signature.SignatureFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The whole entry point under fuzzing: headers and body in, outcome out. Whatever arrives, {@code receive}
 * returns a consistent outcome and nothing escapes; a delivery is authentic exactly when its signed parts are
 * unchanged, and an authentic one ends as its envelope and catalogue say it must.
 *
 * <p>Replays {@code src/test/resources/dev/hookline/hostile/EndpointFuzzTestInputs/} in every build; fuzzes
 * with {@code JAZZER_FUZZ=1} (see the README's Fuzzing section).
 */
class EndpointFuzzTest {

    private static final Map<Scheme, WebhookEndpoint> UNSIGNED = new EnumMap<>(Scheme.class);

    static {
        for (Scheme scheme : Scheme.WITH_PROVIDER) {
            UNSIGNED.put(scheme, Hostile.endpoint(scheme, InMemoryDeduplicator.create(), null));
        }
    }

    /** Anything in the headers the scheme reads, any other headers, any body: rejected, for the right reason. */
    @FuzzTest
    @DictionaryEntries({"t=", "v1=", ",v1=", "v1,", "v1a,", "sha256=", "whsec_", "1777723200", "msg_"})
    void unsignedDelivery(FuzzedDataProvider data) {
        Scheme scheme = data.pickValue(Scheme.WITH_PROVIDER);
        Headers.Builder builder = Headers.builder();
        for (String name : scheme.headerNames()) {
            int values = data.consumeInt(0, 2);
            for (int i = 0; i < values; i++) {
                builder.add(name, data.consumeString(300));
            }
        }
        int others = data.consumeInt(0, 2);
        for (int i = 0; i < others; i++) {
            builder.add(data.consumeString(30), data.consumeString(100));
        }
        Headers headers = builder.build();
        byte[] body = data.consumeRemainingAsBytes();

        Outcome outcome = UNSIGNED.get(scheme).receive(Delivery.of(headers, body));

        Hostile.assertWellFormed(outcome, scheme, headers, body);
        boolean complete = scheme.headerNames().stream().allMatch(headers::contains);
        boolean expected = outcome.status() == Outcome.Status.REJECTED && (complete
                ? Hostile.ABOUT_THE_SIGNATURE.contains(outcome.reason())
                        && outcome.reason() != SignatureFailure.MISSING_SIGNATURE
                : outcome.reason() == SignatureFailure.MISSING_SIGNATURE);
        if (!expected) {
            throw new AssertionError(scheme + " unsigned delivery (headers complete: " + complete + ") gave " + outcome);
        }
    }

    /**
     * A delivery signed with the endpoint's secret, then changed in one way or not at all: rejected exactly when
     * a signed part changed, otherwise the outcome its envelope and catalogue give, and a duplicate when
     * delivered again after being accepted.
     */
    @FuzzTest
    @DictionaryEntries({"\"id\"", "\"type\"", "\"data\"", "\"object\"", "\"createdAt\"", "\"created_at\"",
            "\"event\"", "\"timestamp\"", "webset.item.created", "monitor.run.completed", "lookup.completed"})
    void signedDelivery(FuzzedDataProvider data) {
        Scheme scheme = data.pickValue(Scheme.WITH_PROVIDER);
        Duration maxEventAge = data.consumeBoolean() ? Duration.ofHours(1) : null;
        Instant signedAt = data.consumeBoolean()
                ? NOW.plusSeconds(data.consumeLong(-600, 600))
                : Instant.ofEpochSecond(data.consumeLong(0, 1L << 40));
        String id = signable(scheme, data.consumeString(60));
        byte[] body = data.consumeBoolean()
                ? Bodies.envelope(scheme, data)
                : data.consumeBytes(data.consumeInt(0, 2048));
        Tampered tampered = Tampering.signAndTamper(scheme, body, signedAt, id, data);

        WebhookEndpoint endpoint = Hostile.endpoint(scheme, InMemoryDeduplicator.create(), maxEventAge);
        Delivery delivery = Delivery.of(tampered.headers(), tampered.body());
        Outcome first = endpoint.receive(delivery);
        Outcome second = endpoint.receive(delivery);

        Hostile.assertWellFormed(first, scheme, tampered.headers(), tampered.body());
        Hostile.assertWellFormed(second, scheme, tampered.headers(), tampered.body());
        boolean signatureFailed = first.status() == Outcome.Status.REJECTED && first.eventId() == null;
        tampered.assertResult(signatureFailed ? (SignatureFailure) first.reason() : null, NOW);
        Expected expected = signatureFailed
                ? Expected.rejected(first.reason())
                : Expected.authentic(scheme.provider, tampered.headers(), tampered.body(), NOW, maxEventAge);
        String context = scheme + " " + tampered.change() + (maxEventAge == null ? "" : " maxEventAge");
        expected.assertMatches(first, context + ", first delivery");
        expected.redelivered().assertMatches(second, context + ", second delivery");
    }

    /** The fuzzed message id if the scheme can sign it, otherwise a plain one. */
    private static String signable(Scheme scheme, String id) {
        try {
            scheme.signer().sign(new byte[0], NOW, id);
            return id;
        } catch (IllegalArgumentException e) {
            return "msg_fuzz";
        }
    }
}
