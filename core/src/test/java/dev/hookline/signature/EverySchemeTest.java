package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static dev.hookline.signature.SignatureFixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What holds for every built-in scheme, whatever its wire format. */
class EverySchemeTest {

    private static final byte[] BODY = utf8("{\"id\":\"evt_1\",\"type\":\"thing.happened\",\"data\":{\"n\":1}}");

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void aDeliveryItSignsVerifies(BuiltIn scheme) {
        Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, NOW));

        assertThatCode(() -> scheme.verifier(NOW, scheme.secret).verify(headers, BODY)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void noHeadersAtAllIsAMissingSignature(BuiltIn scheme) {
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);

        assertThat(failureOf(() -> verifier.verify(Headers.empty(), BODY)))
                .isEqualTo(SignatureFailure.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void withoutTheSignatureHeaderTheSignatureIsMissing(BuiltIn scheme) {
        Map<String, String> signed = scheme.sign(scheme.secret, BODY, NOW);
        Headers headers = Headers.builder()
                .add("Content-Type", "application/json")
                .add("X-Other-Signature", signed.get(scheme.signatureHeader))
                .build();
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);

        assertThat(failureOf(() -> verifier.verify(without(signed, scheme.signatureHeader), BODY)))
                .isEqualTo(SignatureFailure.MISSING_SIGNATURE);
        assertThat(failureOf(() -> verifier.verify(headers, BODY))).isEqualTo(SignatureFailure.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void changingAnyOneByteOfTheBodyBreaksTheSignature(BuiltIn scheme) {
        Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, NOW));
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);

        for (int i = 0; i < BODY.length; i++) {
            byte[] changed = BODY.clone();
            changed[i] ^= 0x01;
            assertThat(failureOf(() -> verifier.verify(headers, changed)))
                    .as("body with byte %d changed", i)
                    .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void aBodyWithAByteAddedOrRemovedDoesNotVerify(BuiltIn scheme) {
        Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, NOW));
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);
        byte[] longer = Arrays.copyOf(BODY, BODY.length + 1);
        byte[] shorter = Arrays.copyOf(BODY, BODY.length - 1);

        assertThat(failureOf(() -> verifier.verify(headers, longer))).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureOf(() -> verifier.verify(headers, shorter))).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(failureOf(() -> verifier.verify(headers, new byte[0])))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void aSignatureMadeWithAnotherSecretDoesNotMatch(BuiltIn scheme) {
        String otherSecret = scheme.randomSecret(new Random(1));
        Headers headers = Headers.of(scheme.sign(otherSecret, BODY, NOW));
        SignatureVerifier verifier = scheme.verifier(NOW, scheme.secret);

        assertThat(failureOf(() -> verifier.verify(headers, BODY))).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void aSignatureByAnyOneOfSeveralConfiguredSecretsVerifies(BuiltIn scheme) {
        Random random = new Random(2);
        String previous = scheme.randomSecret(random);
        String next = scheme.randomSecret(random);
        SignatureVerifier verifier = scheme.verifier(NOW, previous, scheme.secret, next);

        for (String secret : new String[] {previous, scheme.secret, next}) {
            Headers headers = Headers.of(scheme.sign(secret, BODY, NOW));
            assertThatCode(() -> verifier.verify(headers, BODY)).doesNotThrowAnyException();
        }
        Headers byAnother = Headers.of(scheme.sign(scheme.randomSecret(random), BODY, NOW));
        assertThat(failureOf(() -> verifier.verify(byAnother, BODY))).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void headersOfTheSignerVerify(BuiltIn scheme) {
        WebhookSigner signer = WebhookSigner.of(scheme.scheme, scheme.secret, SignatureFixtures.clockAt(NOW));

        Headers headers = signer.headers(BODY, NOW, SignatureFixtures.MESSAGE_ID);

        signer.sign(BODY, NOW, SignatureFixtures.MESSAGE_ID)
                .forEach((name, value) -> assertThat(headers.all(name)).containsExactly(value));
        assertThatCode(() -> scheme.verifier(NOW, scheme.secret).verify(headers, BODY)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void theFailureIsThrownWithoutAStackTraceOrCause(BuiltIn scheme) {
        SignatureVerificationException thrown = catchThrowableOfType(
                SignatureVerificationException.class,
                () -> scheme.verifier(NOW, scheme.secret).verify(Headers.empty(), BODY));

        assertThat(thrown.getStackTrace()).isEmpty();
        assertThat(thrown.getCause()).isNull();
        assertThat(thrown.getMessage()).isEqualTo(SignatureFailure.MISSING_SIGNATURE.description());
    }
}
