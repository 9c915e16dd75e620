package dev.hookline.test;

import static dev.hookline.test.WebhookAssertions.assertAccepted;
import static dev.hookline.test.WebhookAssertions.assertAcknowledged;
import static dev.hookline.test.WebhookAssertions.assertDuplicate;
import static dev.hookline.test.WebhookAssertions.assertOutcome;
import static dev.hookline.test.WebhookAssertions.assertRefused;
import static dev.hookline.test.WebhookAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.signature.SignatureFailure;
import org.junit.jupiter.api.Test;

class WebhookAssertionsTest {

    private final WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(TestSecrets.EXA).build();

    private SignedDelivery.Builder exa() {
        return SignedDelivery.builder(Providers.exa(), TestSecrets.EXA).sample("webset.idle");
    }

    @Test
    void matchingOutcomesPass() {
        SignedDelivery delivery = exa().build();

        assertThatCode(() -> {
            assertAccepted(delivery.sendTo(endpoint));
            assertDuplicate(delivery.sendTo(endpoint));
            assertRejected(exa().tampered().build().sendTo(endpoint), SignatureFailure.NO_MATCHING_SIGNATURE);
            assertOutcome(exa().stale().build().sendTo(endpoint), Outcome.Status.REJECTED,
                    SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            assertAcknowledged(new WebhookResponse(204, null));
            assertRefused(new WebhookResponse(401, "no_matching_signature"), 401, SignatureFailure.NO_MATCHING_SIGNATURE);
        }).doesNotThrowAnyException();
    }

    @Test
    void aMismatchSaysWhatWasExpectedAndWhatCame() {
        Outcome forged = exa().wrongSecret().build().sendTo(endpoint);

        assertThatThrownBy(() -> assertAccepted(forged)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected ACCEPTED but was Outcome[endpoint=exa, status=REJECTED, "
                        + "reason=no_matching_signature");
        assertThatThrownBy(() -> assertRejected(forged, SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected REJECTED (timestamp_outside_tolerance) but was Outcome[");
        assertThatThrownBy(() -> assertAcknowledged(new WebhookResponse(401, "no_matching_signature")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected a 2xx answer but was 401 reason=no_matching_signature");
        assertThatThrownBy(() -> assertRefused(new WebhookResponse(401, null), 401, SignatureFailure.MISSING_SIGNATURE))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected 401 reason=missing_signature but was 401");
        assertThatThrownBy(() -> assertAccepted(null)).isInstanceOf(AssertionError.class)
                .hasMessage("Expected ACCEPTED but there was no outcome");
    }

    @Test
    void whatAFailingHandlerThrewIsTheCause() {
        IllegalStateException thrown = new IllegalStateException("search index unavailable");
        WebhookEndpoint failing = WebhookEndpoint.builder(Providers.exa()).secret(TestSecrets.EXA)
                .onAny(event -> {
                    throw thrown;
                }).build();
        Outcome outcome = exa().build().sendTo(failing);

        assertThatThrownBy(() -> assertAccepted(outcome)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("status=FAILED, reason=handler_failed").hasCause(thrown);
        assertThatCode(() -> assertOutcome(outcome, Outcome.Status.FAILED, DeliveryFailure.HANDLER_FAILED))
                .doesNotThrowAnyException();
    }
}
