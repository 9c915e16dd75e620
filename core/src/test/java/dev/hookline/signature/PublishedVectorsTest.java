package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.clockAt;
import static dev.hookline.signature.SignatureFixtures.failureOf;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hookline.delivery.Headers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The test vectors the providers publish, verified and reproduced byte for byte. */
class PublishedVectorsTest {

    record Vector(String name, SignatureScheme scheme, String secret, Instant at, String messageId, String body,
            Map<String, String> headers) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final Vector EXA = new Vector("Exa", SignatureSchemes.exa(), "test_webhook_secret",
            Instant.ofEpochSecond(1234567890L), null,
            "{\"type\":\"webset.created\",\"data\":{\"id\":\"ws_test\"}}",
            Map.of("Exa-Signature",
                    "t=1234567890,v1=9fdca5e9117e0866580d1ea9b0cd4464e71f59df5fb14a0b5a1544006e14bfad"));

    static final Vector ENCRATA = new Vector("Encrata", SignatureSchemes.encrata(),
            "whsec_6cce5d5445b12e649ce9e715a2ef4addc9117d6bf3013a0f388997ed20711b1c",
            Instant.parse("2026-01-01T00:00:00Z"), null,
            "{\"event\":\"test\",\"data\":{\"message\":\"This is a test webhook from Encrata\"},"
                    + "\"created_at\":\"2026-01-01T00:00:00Z\"}",
            Map.of("X-Encrata-Signature", "c30a877f5d6c54a3f36414848b23543a1812b25714426a9de311231dcac01c12"));

    static final Vector STANDARD_WEBHOOKS = new Vector("Standard Webhooks", SignatureSchemes.standardWebhooks(),
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Instant.ofEpochSecond(1614265330L),
            "msg_p5jXN8AQM9LWM0D4loKWxJek", "{\"test\": 2432232314}",
            orderedMap("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                    "webhook-timestamp", "1614265330",
                    "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));

    static final Vector GITHUB = new Vector("GitHub", SignatureSchemes.github(), "It's a Secret to Everybody",
            Instant.parse("2026-01-01T00:00:00Z"), null, "Hello, World!",
            Map.of("X-Hub-Signature-256",
                    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

    static Stream<Vector> vectors() {
        return Stream.of(EXA, ENCRATA, STANDARD_WEBHOOKS, GITHUB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifierAcceptsThePublishedVector(Vector vector) {
        SignatureVerifier verifier = verifierAt(vector, vector.secret());

        assertThatCode(() -> verifier.verify(Headers.of(vector.headers()), utf8(vector.body())))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifierAcceptsThePublishedVectorUnderLowerCaseHeaderNames(Vector vector) {
        Map<String, String> lowerCase = new LinkedHashMap<>();
        vector.headers().forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        SignatureVerifier verifier = verifierAt(vector, vector.secret());

        assertThatCode(() -> verifier.verify(Headers.of(lowerCase), utf8(vector.body())))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signerProducesExactlyThePublishedHeaders(Vector vector) {
        WebhookSigner signer = WebhookSigner.of(vector.scheme(), vector.secret(), clockAt(vector.at()));

        Map<String, String> signed = signer.sign(utf8(vector.body()), vector.at(), vector.messageId());

        assertThat(signed).containsExactlyEntriesOf(vector.headers());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signerReadsTheTimeFromItsClock(Vector vector) {
        WebhookSigner signer = WebhookSigner.of(vector.scheme(), vector.secret(), clockAt(vector.at()));
        Map<String, String> signed = signer.sign(utf8(vector.body()));

        if (vector.messageId() == null) {
            assertThat(signed).containsExactlyEntriesOf(vector.headers());
        } else {
            // a fresh message id is drawn, so only the timestamp can be compared
            assertThat(signed).containsEntry("webhook-timestamp", vector.headers().get("webhook-timestamp"));
        }
    }

    @Test
    void encrataKeysWithTheWholeSecretIncludingItsPrefix() {
        String withoutPrefix = ENCRATA.secret().substring("whsec_".length());
        SignatureVerifier verifier = verifierAt(ENCRATA, withoutPrefix);

        assertThat(failureOf(() -> verifier.verify(Headers.of(ENCRATA.headers()), utf8(ENCRATA.body()))))
                .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(WebhookSigner.of(ENCRATA.scheme(), withoutPrefix).sign(utf8(ENCRATA.body())))
                .isNotEqualTo(ENCRATA.headers());
    }

    @Test
    void standardWebhooksVectorVerifiesWithTheSecretWithoutItsPrefix() {
        String withoutPrefix = STANDARD_WEBHOOKS.secret().substring("whsec_".length());
        SignatureVerifier verifier = verifierAt(STANDARD_WEBHOOKS, withoutPrefix);

        assertThatCode(() -> verifier.verify(Headers.of(STANDARD_WEBHOOKS.headers()), utf8(STANDARD_WEBHOOKS.body())))
                .doesNotThrowAnyException();
        assertThat(WebhookSigner.of(STANDARD_WEBHOOKS.scheme(), withoutPrefix)
                        .sign(utf8(STANDARD_WEBHOOKS.body()), STANDARD_WEBHOOKS.at(), STANDARD_WEBHOOKS.messageId()))
                .containsExactlyEntriesOf(STANDARD_WEBHOOKS.headers());
    }

    private static SignatureVerifier verifierAt(Vector vector, String secret) {
        return SignatureVerifier.builder(vector.scheme()).secret(secret).clock(clockAt(vector.at())).build();
    }

    private static Map<String, String> orderedMap(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
