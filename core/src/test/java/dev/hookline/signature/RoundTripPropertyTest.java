package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.clockAt;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.randomText;
import static dev.hookline.signature.SignatureFixtures.tamper;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** For random bodies, secrets, ids and times: what is signed verifies, and any change to the body does not. */
class RoundTripPropertyTest {

    private static final int CASES = 200;
    /** The largest epoch second an {@link Instant} can hold. */
    private static final long MAX_SECONDS = Instant.MAX.getEpochSecond();

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void whatIsSignedVerifiesAndAChangedBodyDoesNot(BuiltIn scheme) {
        long seed = SignatureFixtures.seed();
        Random random = new Random(seed);

        for (int i = 0; i < CASES; i++) {
            String context = "seed " + seed + ", case " + i + " (replay with -Dhookline.test.seed=" + seed + ")";
            byte[] body = randomBody(random);
            String secret = scheme.randomSecret(random);
            String id = "msg_" + randomText(random, 1 + random.nextInt(40));
            Instant at = Instant.ofEpochSecond(random.nextBoolean()
                    ? 1_000_000_000L + random.nextInt(1_500_000_000)
                    : Math.floorMod(random.nextLong(), MAX_SECONDS + 1));
            Headers headers = WebhookSigner.of(scheme.scheme, secret, clockAt(at)).headers(body, at, id);
            SignatureVerifier verifier = SignatureVerifier.builder(scheme.scheme)
                    .secret(secret)
                    .clock(clockAt(at))
                    .build();
            Instant receivedAt = at.plusSeconds(random.nextInt(601) - 300);
            byte[] tampered = tamper(body, random);

            assertThatCode(() -> verifier.verify(headers, body)).as(context).doesNotThrowAnyException();
            assertThatCode(() -> verifier.verify(headers, body, receivedAt)).as(context).doesNotThrowAnyException();
            assertThat(failureOf(() -> verifier.verify(headers, tampered)))
                    .as(context)
                    .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void aSignatureVerifiesOnlyUnderTheSecretThatMadeIt(BuiltIn scheme) {
        long seed = SignatureFixtures.seed();
        Random random = new Random(seed);

        for (int i = 0; i < CASES; i++) {
            String context = "seed " + seed + ", case " + i + " (replay with -Dhookline.test.seed=" + seed + ")";
            byte[] body = randomBody(random);
            String secret = scheme.randomSecret(random);
            String other = scheme.randomSecret(random);
            Instant at = Instant.ofEpochSecond(1_000_000_000L + random.nextInt(1_500_000_000));
            Headers headers = Headers.of(scheme.sign(secret, body, at));
            SignatureVerifier verifier = scheme.verifier(at, other);
            SignatureVerifier both = scheme.verifier(at, other, secret);

            assertThat(failureOf(() -> verifier.verify(headers, body)))
                    .as(context)
                    .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
            assertThatCode(() -> both.verify(headers, body)).as(context).doesNotThrowAnyException();
        }
    }

    /** Arbitrary bytes half the time (not necessarily UTF-8), multi-byte UTF-8 text otherwise; sometimes empty. */
    private static byte[] randomBody(Random random) {
        int length = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2048);
        if (random.nextBoolean()) {
            byte[] body = new byte[length];
            random.nextBytes(body);
            return body;
        }
        return utf8(randomText(random, length));
    }
}
