package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.clockAt;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The replay window: signed timestamps against the time of receipt, in both directions. */
class TimestampToleranceTest {

    private static final byte[] BODY = utf8("{\"id\":\"evt_42\",\"type\":\"webset.idle\"}");
    private static final long TOLERANCE = SignatureVerifier.DEFAULT_TOLERANCE.getSeconds();

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void theDefaultToleranceIsFiveMinutes(BuiltIn scheme) {
        assertThat(TOLERANCE).isEqualTo(300);
        assertThat(scheme.verifier(NOW, scheme.secret).tolerance()).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void anAuthenticDeliveryOlderThanTheToleranceIsRejected(BuiltIn scheme) {
        Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, NOW.minusSeconds(TOLERANCE + 1)));

        assertThat(failureOf(() -> scheme.verifier(NOW, scheme.secret).verify(headers, BODY)))
                .isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void anAuthenticDeliveryFurtherInTheFutureThanTheToleranceIsRejected(BuiltIn scheme) {
        Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, NOW.plusSeconds(TOLERANCE + 1)));

        assertThat(failureOf(() -> scheme.verifier(NOW, scheme.secret).verify(headers, BODY)))
                .isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void timestampsExactlyAtEitherEdgeOfTheToleranceAreAccepted(BuiltIn scheme) {
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);
        Headers oldest = Headers.of(scheme.sign(scheme.secret, BODY, NOW.minusSeconds(TOLERANCE)));
        Headers newest = Headers.of(scheme.sign(scheme.secret, BODY, NOW.plusSeconds(TOLERANCE)));

        assertThatCode(() -> verifier.verify(oldest, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(newest, BODY)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void aConfiguredToleranceIsAppliedToTheSecond(BuiltIn scheme) {
        SignatureVerifier verifier = SignatureVerifier.builder(scheme.scheme)
                .secret(scheme.secret)
                .tolerance(Duration.ofSeconds(10))
                .clock(clockAt(NOW))
                .build();

        for (long offset : new long[] {-10, -1, 0, 1, 10}) {
            Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, NOW.plusSeconds(offset)));
            assertThatCode(() -> verifier.verify(headers, BODY)).as("offset %d s", offset).doesNotThrowAnyException();
        }
        for (long offset : new long[] {-11, 11, -3600, 3600}) {
            Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, NOW.plusSeconds(offset)));
            assertThat(failureOf(() -> verifier.verify(headers, BODY)))
                    .as("offset %d s", offset)
                    .isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void aZeroToleranceAcceptsOnlyTheSameSecond(BuiltIn scheme) {
        SignatureVerifier verifier = SignatureVerifier.builder(scheme.scheme)
                .secret(scheme.secret)
                .tolerance(Duration.ZERO)
                .clock(clockAt(NOW))
                .build();
        Headers now = Headers.of(scheme.sign(scheme.secret, BODY, NOW));
        Headers secondBefore = Headers.of(scheme.sign(scheme.secret, BODY, NOW.minusSeconds(1)));

        assertThatCode(() -> verifier.verify(now, BODY)).doesNotThrowAnyException();
        assertThat(failureOf(() -> verifier.verify(secondBefore, BODY)))
                .isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void withTheCheckSwitchedOffAYearOldOrFutureDeliveryIsAccepted(BuiltIn scheme) {
        SignatureVerifier verifier = SignatureVerifier.builder(scheme.scheme)
                .secret(scheme.secret)
                .withoutTimestampCheck()
                .clock(clockAt(NOW))
                .build();
        Headers yearOld = Headers.of(scheme.sign(scheme.secret, BODY, NOW.minus(Duration.ofDays(365))));
        Headers yearAhead = Headers.of(scheme.sign(scheme.secret, BODY, NOW.plus(Duration.ofDays(365))));

        assertThat(verifier.tolerance()).isNull();
        assertThatCode(() -> verifier.verify(yearOld, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(yearAhead, BODY)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void withTheCheckSwitchedOffTheSignatureIsStillRequired(BuiltIn scheme) {
        SignatureVerifier verifier = SignatureVerifier.builder(scheme.scheme)
                .secret(scheme.secret)
                .withoutTimestampCheck()
                .clock(clockAt(NOW))
                .build();
        Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, NOW.minus(Duration.ofDays(365))));

        assertThat(failureOf(() -> verifier.verify(headers, utf8("{}"))))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void aStaleForgeryIsReportedAsNotMatchingRatherThanStale(BuiltIn scheme) {
        String otherSecret = scheme.randomSecret(new Random(3));
        Headers headers = Headers.of(scheme.sign(otherSecret, BODY, NOW.minus(Duration.ofDays(1))));

        assertThat(failureOf(() -> scheme.verifier(NOW, scheme.secret).verify(headers, BODY)))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void changingTheSignedTimestampBreaksTheSignature(BuiltIn scheme) {
        Map<String, String> signed = scheme.sign(scheme.secret, BODY, NOW);
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);

        for (long offset : new long[] {-1, 1, -TOLERANCE, 60}) {
            Headers moved = Headers.of(withTimestamp(scheme, signed, NOW.getEpochSecond() + offset));
            assertThat(failureOf(() -> verifier.verify(moved, BODY)))
                    .as("timestamp moved by %d s", offset)
                    .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void aDeliveryVerifiedLaterIsJudgedAsOfItsReceipt(BuiltIn scheme) {
        Instant sentAt = NOW.minus(Duration.ofHours(1));
        Instant receivedAt = sentAt.plusSeconds(2);
        Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, sentAt));
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);

        assertThatCode(() -> verifier.verify(headers, BODY, receivedAt)).doesNotThrowAnyException();
        assertThat(failureOf(() -> verifier.verify(headers, BODY)))
                .isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
        assertThat(failureOf(() -> verifier.verify(headers, BODY, receivedAt.plusSeconds(TOLERANCE + 1))))
                .isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"ENCRATA", "GITHUB"})
    void schemesThatSignNoTimestampAcceptAnAgeOldSignature(BuiltIn scheme) {
        Headers yearOld = Headers.of(scheme.sign(scheme.secret, BODY, NOW.minus(Duration.ofDays(365))));

        assertThat(scheme.sign(scheme.secret, BODY, NOW.minus(Duration.ofDays(365))))
                .isEqualTo(scheme.sign(scheme.secret, BODY, NOW));
        assertThatCode(() -> scheme.verifier(NOW, scheme.secret).verify(yearOld, BODY)).doesNotThrowAnyException();
    }

    /** The signed headers with the signed timestamp replaced, the signature itself unchanged. */
    private static Map<String, String> withTimestamp(BuiltIn scheme, Map<String, String> signed, long seconds) {
        Map<String, String> moved = new LinkedHashMap<>(signed);
        if (scheme == BuiltIn.STANDARD_WEBHOOKS) {
            moved.put("webhook-timestamp", Long.toString(seconds));
        } else {
            String value = signed.get(scheme.signatureHeader);
            moved.put(scheme.signatureHeader, value.replaceFirst("^t=\\d+,", "t=" + seconds + ","));
            assertThat(moved.get(scheme.signatureHeader)).isNotEqualTo(value);
        }
        return moved;
    }
}
