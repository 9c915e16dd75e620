package dev.hookline;

import dev.hookline.event.Envelope;
import dev.hookline.event.VerifiedEvent;
import java.util.Objects;

/**
 * What the accept stage made of one delivery: a {@link Verified} event ready to store or dispatch, or a
 * {@link Rejected} delivery with its reason.
 */
public sealed interface Acceptance permits Acceptance.Verified, Acceptance.Rejected {

    /**
     * The delivery is authentic and its envelope readable: the event may be stored or dispatched.
     *
     * @param event the verified event
     * @param envelope what the envelope said, data included, so that dispatching it at once reads the body once
     */
    record Verified(VerifiedEvent event, Envelope envelope) implements Acceptance {
        /** Checks that both parts are present. */
        public Verified {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    /**
     * The delivery is not authentic, not timely or not an event.
     *
     * @param outcome the outcome to answer with: {@link Outcome.Status#REJECTED} or {@link Outcome.Status#MALFORMED}
     */
    record Rejected(Outcome outcome) implements Acceptance {
        /** Checks that the outcome is a refusal. */
        public Rejected {
            Objects.requireNonNull(outcome, "outcome");
            if (outcome.status() != Outcome.Status.REJECTED && outcome.status() != Outcome.Status.MALFORMED) {
                throw new IllegalArgumentException("A rejection needs a REJECTED or MALFORMED outcome, not "
                        + outcome.status());
            }
        }
    }
}
