package dev.hookline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.delivery.Reason;
import dev.hookline.event.PayloadFailure;
import dev.hookline.signature.SignatureFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one policy every adapter answers with: each outcome's HTTP status, and when to say Retry-After. */
class OutcomePolicyTest {

    private static Outcome outcome(Outcome.Status status, Reason reason) {
        return new Outcome("exa", status, reason, null, null, 0, null, Duration.ZERO);
    }

    @Test
    void everyOutcomeHasTheStatusThatTellsTheSenderWhatToDo() {
        assertThat(outcome(Outcome.Status.ACCEPTED, null).httpStatus()).isEqualTo(204);
        assertThat(outcome(Outcome.Status.DUPLICATE, null).httpStatus()).isEqualTo(204);
        for (SignatureFailure failure : SignatureFailure.values()) {
            assertThat(outcome(Outcome.Status.REJECTED, failure).httpStatus()).as(failure.code()).isEqualTo(401);
        }
        assertThat(outcome(Outcome.Status.REJECTED, PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE).httpStatus())
                .isEqualTo(401);
        assertThat(outcome(Outcome.Status.MALFORMED, PayloadFailure.NOT_JSON).httpStatus()).isEqualTo(400);
        assertThat(outcome(Outcome.Status.MALFORMED, PayloadFailure.INVALID_EVENT_DATA).httpStatus()).isEqualTo(400);
        assertThat(outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_FAILED).httpStatus()).isEqualTo(500);
        assertThat(outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_TIMED_OUT).httpStatus()).isEqualTo(500);
        for (DeliveryFailure later : new DeliveryFailure[] {DeliveryFailure.DELIVERY_IN_PROGRESS, DeliveryFailure.BUSY,
            DeliveryFailure.DEDUPLICATION_UNAVAILABLE, DeliveryFailure.INTERRUPTED}) {
            assertThat(outcome(Outcome.Status.FAILED, later).httpStatus()).as(later.code()).isEqualTo(503);
            assertThat(outcome(Outcome.Status.FAILED, later).retryLater()).as(later.code()).isTrue();
        }
        assertThat(outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_FAILED).retryLater()).isFalse();
        assertThat(outcome(Outcome.Status.ACCEPTED, null).retryLater()).isFalse();
    }
}
