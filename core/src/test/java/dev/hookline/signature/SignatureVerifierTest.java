package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.clockAt;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Configuring a verifier: what {@code build()} refuses, and what a built verifier reports about itself. */
class SignatureVerifierTest {

    private static final byte[] BODY = utf8("{}");

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void aVerifierNeedsAtLeastOneSecret(BuiltIn scheme) {
        assertThatThrownBy(() -> SignatureVerifier.builder(scheme.scheme).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("At least one secret is required");
        assertThatThrownBy(() -> SignatureVerifier.builder(scheme.scheme).secrets(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("At least one secret is required");
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void anEmptyBlankOrNullSecretIsRefusedByPosition(BuiltIn scheme) {
        assertThatThrownBy(() -> SignatureVerifier.builder(scheme.scheme).secret("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret #1 is missing: set it to the signing secret the sender issued");
        assertThatThrownBy(() -> SignatureVerifier.builder(scheme.scheme).secrets(scheme.secret, " \t").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret #2 is blank: set it to the signing secret the sender issued");
        assertThatThrownBy(() -> SignatureVerifier.builder(scheme.scheme)
                        .secrets(Arrays.asList(scheme.secret, scheme.secret, null)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret #3 is missing: set it to the signing secret the sender issued");
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void aSecretWithSurroundingWhitespaceIsRefusedWithoutQuotingIt(BuiltIn scheme) {
        assertThatThrownBy(() -> SignatureVerifier.builder(scheme.scheme).secrets(scheme.secret, scheme.secret + "\n").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret #2 has leading or trailing whitespace");
        assertThatThrownBy(() -> SignatureVerifier.builder(scheme.scheme).secret(" " + scheme.secret).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret #1 has leading or trailing whitespace");
    }

    @Test
    void aStandardWebhooksSecretThatIsNotBase64IsRefusedByPosition() {
        assertThatThrownBy(() -> SignatureVerifier.builder(SignatureSchemes.standardWebhooks())
                        .secrets(BuiltIn.STANDARD_WEBHOOKS.secret, "whsec_**not-base64**").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret #2 is not a valid secret for StandardWebhooksScheme: "
                        + "A Standard Webhooks secret must be base64 after 'whsec_' (or none), 'whpk_' or 'whsk_'")
                .hasNoCause();
    }

    @Test
    void aNegativeToleranceIsRefused() {
        SignatureVerifier.Builder builder = SignatureVerifier.builder(SignatureSchemes.exa());

        assertThatThrownBy(() -> builder.tolerance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.tolerance(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void defaultsAreFiveMinutesAndTheSystemClock() {
        SignatureVerifier verifier = SignatureVerifier.builder(SignatureSchemes.exa()).secret("exa_secret_of_16_bytes").build();

        assertThat(verifier.tolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(verifier.clock()).isEqualTo(Clock.systemUTC());
        assertThat(verifier.scheme()).isSameAs(SignatureSchemes.exa());
    }

    @Test
    void theVerifierIsUnaffectedByLaterChangesToItsBuilder() throws Exception {
        BuiltIn exa = BuiltIn.EXA;
        SignatureVerifier.Builder builder = SignatureVerifier.builder(exa.scheme).secret(exa.secret).clock(clockAt(NOW));
        SignatureVerifier verifier = builder.build();
        builder.secret("another").tolerance(Duration.ZERO).clock(clockAt(NOW.plusSeconds(100)));
        Headers headers = Headers.of(exa.sign(exa.secret, BODY, NOW.minusSeconds(200)));

        verifier.verify(headers, BODY);
        assertThat(verifier.tolerance()).isEqualTo(SignatureVerifier.DEFAULT_TOLERANCE);
        assertThat(verifier.toString()).contains("1 secret(s)");
    }

    @Test
    void toStringNamesTheSchemeTheNumberOfSecretsAndTheTolerance() {
        SignatureVerifier verifier = SignatureVerifier.builder(SignatureSchemes.github())
                .secrets("first_secret_0123", "second_secret_0123")
                .tolerance(Duration.ofSeconds(30))
                .build();

        assertThat(verifier).hasToString("SignatureVerifier[HexHmacScheme[X-Hub-Signature-256], 2 secret(s), tolerance=PT30S]");
    }

    @Test
    void nullArgumentsAreRefusedBeforeAnyVerification() {
        SignatureVerifier verifier = SignatureVerifier.builder(SignatureSchemes.exa()).secret("exa_secret_of_16_bytes").build();

        assertThatThrownBy(() -> verifier.verify(null, BODY)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> verifier.verify(Headers.empty(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> verifier.verify(Headers.empty(), BODY, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SignatureVerifier.builder(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void oneVerifierServesManyThreadsAtOnce() throws Exception {
        BuiltIn exa = BuiltIn.EXA;
        SignatureVerifier verifier = exa.verifier(NOW, exa.secret, "old_secret_0123456");
        List<Thread> threads = new ArrayList<>();
        Queue<Throwable> problems = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    byte[] body = utf8("{\"thread\":" + thread + ",\"i\":" + i + "}");
                    String secret = i % 2 == 0 ? exa.secret : "old_secret_0123456";
                    try {
                        verifier.verify(Headers.of(exa.sign(secret, body, NOW)), body);
                        assertThat(failureOf(() -> verifier.verify(
                                Headers.of(exa.sign(secret, body, NOW)), utf8("{\"thread\":-1}"))))
                                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
                    } catch (Throwable e) {
                        problems.add(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void aContextRefusesNoKeysAndANegativeTolerance() {
        SigningKey key = SigningKey.hmacSha256(utf8("key_of_sixteen_b"));

        assertThatThrownBy(() -> new VerificationContext(List.of(), NOW, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationContext(List.of(key), NOW, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new VerificationContext(List.of(key), NOW, null).checkTimestamp(0))
                .doesNotThrowAnyException();
        assertThat(new VerificationContext(List.of(key), NOW, null).anyMatches(List.of(), null, BODY)).isFalse();
    }
}
