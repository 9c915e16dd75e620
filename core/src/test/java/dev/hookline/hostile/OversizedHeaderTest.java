package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.NOW;
import static dev.hookline.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hookline.Outcome;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.delivery.Reason;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.signature.SignatureFailure;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Headers far larger or longer than any sender writes, through the whole endpoint: each gets the outcome its
 * content calls for, promptly. The time bound only guards against a hang; it is not a performance claim.
 */
class OversizedHeaderTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(2);
    private static final int HUNDRED_KB = 100 * 1024;
    private static final int ENTRIES = 5_000;
    private static final byte[] BODY = utf8("{\"id\":\"evt_big_header\",\"object\":\"event\",\"type\":\"webset.created\","
            + "\"data\":{\"id\":\"ws_1\"},\"createdAt\":\"2026-05-02T12:00:00Z\",\"event\":\"test\",\"timestamp\":1}");

    @ParameterizedTest
    @EnumSource(value = Scheme.class, names = {"EXA", "ENCRATA", "STANDARD_WEBHOOKS"})
    void aHundredKilobyteSignatureValueIsMalformed(Scheme scheme) {
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, "msg_big");
        String value = switch (scheme) {
            case EXA -> "t=" + NOW.getEpochSecond() + ",v1=" + "ab".repeat(HUNDRED_KB / 2);
            case STANDARD_WEBHOOKS -> "v1," + "A".repeat(HUNDRED_KB);
            default -> "0".repeat(HUNDRED_KB);
        };

        assertOutcome(scheme, Hostile.replace(signed, scheme.signatureHeader, value), Outcome.Status.REJECTED,
                SignatureFailure.MALFORMED_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(value = Scheme.class, names = {"EXA", "ENCRATA", "STANDARD_WEBHOOKS"})
    void aHundredKilobytesOfSeparatorsAndBlanksIsMalformed(Scheme scheme) {
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, "msg_big");
        String value = switch (scheme) {
            case EXA -> ", =".repeat(HUNDRED_KB / 3);
            case STANDARD_WEBHOOKS -> " ,".repeat(HUNDRED_KB / 2);
            default -> " ".repeat(HUNDRED_KB) + "x";
        };

        assertOutcome(scheme, Hostile.replace(signed, scheme.signatureHeader, value), Outcome.Status.REJECTED,
                SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void aHundredKilobytesOfUnknownKeysBesideTheGenuineSignatureIsStillAuthentic() {
        Scheme scheme = Scheme.EXA;
        String genuine = scheme.signer().sign(BODY, NOW, null).get(scheme.signatureHeader);
        String value = genuine + ",x=" + "y".repeat(HUNDRED_KB);

        assertOutcome(scheme, Headers.of(Map.of(scheme.signatureHeader, value)), Outcome.Status.ACCEPTED, null);
    }

    @Test
    void aHundredKilobytesOfOtherSignatureVersionsBesideTheGenuineOneIsStillAuthentic() {
        Scheme scheme = Scheme.STANDARD_WEBHOOKS;
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, "msg_big");
        String value = ("v2," + "B".repeat(86) + "== ").repeat(HUNDRED_KB / 92) + signed.get("webhook-signature");

        assertOutcome(scheme, Hostile.replace(signed, "webhook-signature", value), Outcome.Status.ACCEPTED, null);
    }

    @Test
    void aHundredKilobyteStandardWebhooksIdIsReadAndDoesNotMatch() {
        Scheme scheme = Scheme.STANDARD_WEBHOOKS;
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, "msg_big");

        assertOutcome(scheme, Hostile.replace(signed, "webhook-id", "m".repeat(HUNDRED_KB)), Outcome.Status.REJECTED,
                SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @Test
    void aHundredKilobyteStandardWebhooksTimestampIsMalformed() {
        Scheme scheme = Scheme.STANDARD_WEBHOOKS;
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, "msg_big");

        assertOutcome(scheme, Hostile.replace(signed, "webhook-timestamp", "1".repeat(HUNDRED_KB)),
                Outcome.Status.REJECTED, SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Test
    void aSignedStandardWebhooksIdOfAHundredKilobytesIsAccepted() {
        Scheme scheme = Scheme.STANDARD_WEBHOOKS;
        String id = "m".repeat(HUNDRED_KB);

        assertOutcome(scheme, Headers.of(scheme.signer().sign(BODY, NOW, id)), Outcome.Status.ACCEPTED, null);
    }

    @ParameterizedTest
    @EnumSource(value = Scheme.class, names = {"EXA", "STANDARD_WEBHOOKS"})
    void thousandsOfWrongSignaturesInOneValueAreNoMatchingAndTheGenuineOneAmongThemIsFound(Scheme scheme) {
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, "msg_many");
        String genuine = signed.get(scheme.signatureHeader);
        StringBuilder wrong = new StringBuilder(scheme == Scheme.EXA ? "t=" + NOW.getEpochSecond() : "");
        Random random = new Random(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            byte[] signature = new byte[32];
            random.nextBytes(signature);
            wrong.append(scheme == Scheme.EXA
                    ? ",v1=" + HexFormat.of().formatHex(signature)
                    : " v1," + Base64.getEncoder().encodeToString(signature));
        }
        String withGenuine = scheme == Scheme.EXA
                ? wrong + genuine.substring(genuine.indexOf(",v1="))
                : wrong + " " + genuine;

        assertOutcome(scheme, Hostile.replace(signed, scheme.signatureHeader, wrong.toString()),
                Outcome.Status.REJECTED, SignatureFailure.NO_MATCHING_SIGNATURE);
        assertOutcome(scheme, Hostile.replace(signed, scheme.signatureHeader, withGenuine), Outcome.Status.ACCEPTED,
                null);
    }

    @ParameterizedTest
    @EnumSource(value = Scheme.class, names = {"EXA", "ENCRATA", "STANDARD_WEBHOOKS"})
    void thousandsOfRepeatedSignatureHeadersAreNoMatchingAndTheGenuineOneAmongThemIsFound(Scheme scheme) {
        Map<String, String> signed = scheme.signer().sign(BODY, NOW, "msg_many");
        String other = scheme.signer().sign(utf8("another body"), NOW, "msg_many").get(scheme.signatureHeader);
        Headers.Builder wrong = Headers.builder();
        Headers.Builder withGenuine = Headers.builder();
        signed.forEach((name, value) -> {
            if (!name.equals(scheme.signatureHeader)) {
                wrong.add(name, value);
                withGenuine.add(name, value);
            }
        });
        for (int i = 0; i < ENTRIES; i++) {
            wrong.add(scheme.signatureHeader, other);
            withGenuine.add(scheme.signatureHeader, other);
        }
        withGenuine.add(scheme.signatureHeader, signed.get(scheme.signatureHeader));

        // Exa: each value carries its own t=, and two are one too many
        assertOutcome(scheme, wrong.build(), Outcome.Status.REJECTED, scheme == Scheme.EXA
                ? SignatureFailure.MALFORMED_SIGNATURE
                : SignatureFailure.NO_MATCHING_SIGNATURE);
        if (scheme != Scheme.EXA) {
            assertOutcome(scheme, withGenuine.build(), Outcome.Status.ACCEPTED, null);
        }
    }

    private static void assertOutcome(Scheme scheme, Headers headers, Outcome.Status status, Reason reason) {
        Outcome outcome = assertTimeoutPreemptively(HANG_GUARD, () -> Hostile.endpoint(scheme,
                InMemoryDeduplicator.create(), null).receive(Delivery.of(headers, BODY)));

        Hostile.assertWellFormed(outcome, scheme, headers, BODY);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(status);
        assertThat(outcome.reason()).as(outcome.toString()).isEqualTo(reason);
    }
}
