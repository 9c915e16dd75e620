package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.MESSAGE_ID;
import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.clockAt;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFixtures.BuiltIn;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The signer's promise: whatever it signs, a verifier of the same scheme and secret accepts, and nothing else. */
class WebhookSignerTest {

    private static final byte[] BODY = utf8("{\"ok\":true}");

    @ParameterizedTest
    @EnumSource(BuiltIn.class)
    void signaturesAtTheEpochAndAtTheFarFutureVerify(BuiltIn scheme) {
        for (Instant at : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(253402300799L), Instant.MAX}) {
            Headers headers = Headers.of(scheme.sign(scheme.secret, BODY, at));
            assertThatCode(() -> scheme.verifier(at, scheme.secret).verify(headers, BODY))
                    .as("signed at %s", at)
                    .doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void aTimestampBeforeTheEpochCannotBeSentSoSigningOneIsRefused(BuiltIn scheme) {
        WebhookSigner signer = WebhookSigner.of(scheme.scheme, scheme.secret);

        assertThatThrownBy(() -> signer.sign(BODY, Instant.EPOCH.minusSeconds(1), MESSAGE_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(scheme.secret);
        assertThatThrownBy(() -> signer.sign(BODY, Instant.MIN, MESSAGE_ID)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = BuiltIn.class, names = {"ENCRATA", "GITHUB"})
    void schemesThatSignNoTimestampIgnoreIt(BuiltIn scheme) {
        WebhookSigner signer = WebhookSigner.of(scheme.scheme, scheme.secret);

        assertThat(signer.sign(BODY, Instant.MIN, null)).isEqualTo(signer.sign(BODY, NOW, "msg_other"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" msg_1", "msg_1 ", "\tmsg_1", "   "})
    void aStandardWebhooksMessageIdWithSurroundingWhitespaceIsRefused(String messageId) {
        // header values lose their surrounding whitespace in transit, so such an id could never verify
        WebhookSigner signer = WebhookSigner.of(SignatureSchemes.standardWebhooks(), BuiltIn.STANDARD_WEBHOOKS.secret);

        assertThatThrownBy(() -> signer.sign(BODY, NOW, messageId)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStandardWebhooksMessageIdIsSignedAsGivenIncludingNonAsciiCharacters() throws Exception {
        BuiltIn sw = BuiltIn.STANDARD_WEBHOOKS;
        String id = "msg_\u00e9v\u00e9nement_\u65e5\u672c";
        Headers headers = WebhookSigner.of(sw.scheme, sw.secret, clockAt(NOW)).headers(BODY, NOW, id);

        assertThat(headers.first("webhook-id")).isEqualTo(id);
        sw.verifier(NOW, sw.secret).verify(headers, BODY);
    }

    @Test
    void theSigningTimeIsTruncatedToTheSecond() {
        BuiltIn exa = BuiltIn.EXA;
        WebhookSigner signer = WebhookSigner.of(exa.scheme, exa.secret);

        assertThat(signer.sign(BODY, NOW.plusMillis(999), null)).isEqualTo(signer.sign(BODY, NOW, null));
    }

    @Test
    void nullArgumentsAreRefused() {
        WebhookSigner signer = WebhookSigner.of(SignatureSchemes.exa(), "exa_secret_of_16_bytes");

        assertThatThrownBy(() -> WebhookSigner.of(null, "exa_secret_of_16_bytes")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSigner.of(SignatureSchemes.exa(), "exa_secret_of_16_bytes", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookSigner.of(SignatureSchemes.exa(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.of(SignatureSchemes.exa(), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> signer.sign(BODY, null, null)).isInstanceOf(NullPointerException.class);
    }
}
