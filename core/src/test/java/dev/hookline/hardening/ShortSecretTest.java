package dev.hookline.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.signature.Secrets;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.SigningKey;
import dev.hookline.signature.WebhookSigner;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Keys shorter than 128 bits can be found by trial from one delivery: they are refused when configured. */
class ShortSecretTest {

    @Test
    void aOneByteSecretIsRefusedWhenTheEndpointIsBuilt() {
        assertThatThrownBy(() -> WebhookEndpoint.builder(Providers.exa()).secret("k").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Secret #1 is not a valid secret for TimestampedHmacScheme[Exa-Signature]: "
                        + "the key is 1 bytes long; at least 16 are required");
    }

    @Test
    void sixteenBytesIsTheShortestKeyAccepted() {
        assertThatThrownBy(() -> Secrets.key(SignatureSchemes.encrata(), "x".repeat(15), "ENCRATA_WEBHOOK_SECRET"))
                .hasMessage("ENCRATA_WEBHOOK_SECRET is not a valid secret for HexHmacScheme[X-Encrata-Signature]: "
                        + "the key is 15 bytes long; at least 16 are required");
        assertThat(Secrets.key(SignatureSchemes.encrata(), "x".repeat(16), "ENCRATA_WEBHOOK_SECRET").algorithm())
                .isEqualTo(SigningKey.HMAC_SHA256);
        assertThat(SigningKey.MIN_KEY_BYTES).isEqualTo(16);
    }

    @Test
    void aStandardWebhooksSecretCountsItsDecodedBytes() {
        String fifteen = "whsec_" + Base64.getEncoder().encodeToString(new byte[15]);
        String sixteen = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> WebhookSigner.of(SignatureSchemes.standardWebhooks(), fifteen))
                .hasMessage("The signing secret is not a valid secret for StandardWebhooksScheme: "
                        + "the key is 15 bytes long; at least 16 are required");
        assertThat(WebhookSigner.of(SignatureSchemes.standardWebhooks(), sixteen)).isNotNull();
    }

    @Test
    void everyMessageNamesTheSourceAndNeverTheSecret() {
        assertThatThrownBy(() -> Secrets.key(SignatureSchemes.exa(), null, "EXA_WEBHOOK_SECRET"))
                .hasMessage("EXA_WEBHOOK_SECRET is missing: set it to the signing secret the sender issued");
        assertThatThrownBy(() -> Secrets.key(SignatureSchemes.exa(), "  ", "EXA_WEBHOOK_SECRET"))
                .hasMessage("EXA_WEBHOOK_SECRET is blank: set it to the signing secret the sender issued");
        assertThatThrownBy(() -> Secrets.key(SignatureSchemes.exa(), "exa_secret_0123456789\n", "EXA_WEBHOOK_SECRET"))
                .hasMessage("EXA_WEBHOOK_SECRET has leading or trailing whitespace");
        assertThatThrownBy(() -> SigningKey.hmacSha256(new byte[3]))
                .hasMessage("the key is 3 bytes long; at least 16 are required");
    }
}
