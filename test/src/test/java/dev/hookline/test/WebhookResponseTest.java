package dev.hookline.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.signature.SignatureFailure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookResponseTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theReasonIsReadFromAProblemBodyOnly() {
        byte[] problem = utf8("{\"type\":\"urn:hookline:reason:missing_signature\",\"status\":401,"
                + "\"reason\":\"missing_signature\"}");

        assertThat(WebhookResponse.fromHttp(401, "application/problem+json", problem))
                .isEqualTo(WebhookResponse.of(401, SignatureFailure.MISSING_SIGNATURE));
        assertThat(WebhookResponse.fromHttp(401, "Application/Problem+JSON; charset=utf-8", problem).reason())
                .isEqualTo("missing_signature");
        assertThat(WebhookResponse.fromHttp(401, "application/json", problem).reason()).isNull();
        assertThat(WebhookResponse.fromHttp(204, null, null)).isEqualTo(new WebhookResponse(204, null));
        assertThat(WebhookResponse.fromHttp(400, "application/problem+json", utf8("not json")).reason()).isNull();
        assertThat(WebhookResponse.fromHttp(400, "application/problem+json", utf8("{\"reason\":7}")).reason()).isNull();
        assertThat(WebhookResponse.fromHttp(400, "application/problem+json", utf8("[1]")).reason()).isNull();
    }

    @Test
    void anOutcomeIsAnsweredAsTheAdaptersAnswerIt() {
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(TestSecrets.EXA).build();
        SignedDelivery delivery = SignedDelivery.builder(Providers.exa(), TestSecrets.EXA).sample("webset.idle").build();
        SignedDelivery forged = SignedDelivery.builder(Providers.exa(), TestSecrets.EXA).sample("webset.idle")
                .wrongSecret().build();

        assertThat(WebhookResponse.of(delivery.sendTo(endpoint))).isEqualTo(new WebhookResponse(204, null));
        assertThat(WebhookResponse.of(forged.sendTo(endpoint)))
                .isEqualTo(new WebhookResponse(401, "no_matching_signature"));
    }

    @Test
    void itReadsAsStatusAndReasonAndKnowsWhatIsAcknowledged() {
        assertThat(new WebhookResponse(204, null)).hasToString("204");
        assertThat(WebhookResponse.of(401, SignatureFailure.NO_MATCHING_SIGNATURE))
                .hasToString("401 reason=no_matching_signature");
        assertThat(new WebhookResponse(200, null).isAcknowledged()).isTrue();
        assertThat(new WebhookResponse(302, null).isAcknowledged()).isFalse();
        assertThatThrownBy(() -> new WebhookResponse(42, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
