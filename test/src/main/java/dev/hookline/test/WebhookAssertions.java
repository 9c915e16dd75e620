package dev.hookline.test;

import dev.hookline.Outcome;
import dev.hookline.delivery.Reason;
import java.util.Objects;

/**
 * Assertions on what became of a delivery, for any test framework: each throws an {@link AssertionError} that
 * says what was expected and what came, and passes silently otherwise.
 *
 * <pre>{@code
 * assertAccepted(delivery.sendTo(endpoint));
 * assertRejected(tampered.sendTo(endpoint), SignatureFailure.NO_MATCHING_SIGNATURE);
 * assertRefused(stale.postTo(url), 401, SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
 * }</pre>
 *
 * <p>A {@link Outcome.Status#FAILED FAILED} outcome's failure, what a handler threw, becomes the cause of the
 * error, so that its stack trace shows in the test report. Messages show outcomes and responses by their own
 * {@code toString()}, which never holds a secret or a payload. Stateless; thread-safe.
 */
public final class WebhookAssertions {

    private WebhookAssertions() {
    }

    /**
     * Asserts that every matching handler ran without throwing: {@link Outcome.Status#ACCEPTED}.
     *
     * @param outcome what the endpoint made of a delivery
     * @throws AssertionError if the outcome is anything else
     */
    public static void assertAccepted(Outcome outcome) {
        assertOutcome(outcome, Outcome.Status.ACCEPTED, null);
    }

    /**
     * Asserts that the event had been handled already, and that nothing ran: {@link Outcome.Status#DUPLICATE}.
     *
     * @param outcome what the endpoint made of a delivery
     * @throws AssertionError if the outcome is anything else
     */
    public static void assertDuplicate(Outcome outcome) {
        assertOutcome(outcome, Outcome.Status.DUPLICATE, null);
    }

    /**
     * Asserts that the delivery was refused as not authentic or not timely, for the given reason:
     * {@link Outcome.Status#REJECTED}.
     *
     * @param outcome what the endpoint made of a delivery
     * @param reason the expected reason, such as {@code SignatureFailure.NO_MATCHING_SIGNATURE}
     * @throws AssertionError if the status or the reason differs
     */
    public static void assertRejected(Outcome outcome, Reason reason) {
        assertOutcome(outcome, Outcome.Status.REJECTED, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Asserts an outcome's status and reason, compared by {@linkplain Reason#code() code}.
     *
     * @param outcome what the endpoint made of a delivery
     * @param status the expected status
     * @param reason the expected reason; null for {@link Outcome.Status#ACCEPTED} and
     *     {@link Outcome.Status#DUPLICATE}, which have none
     * @throws AssertionError if the status or the reason differs
     */
    public static void assertOutcome(Outcome outcome, Outcome.Status status, Reason reason) {
        Objects.requireNonNull(status, "status");
        String expected = status + (reason == null ? "" : " (" + reason.code() + ")");
        if (outcome == null) {
            throw new AssertionError("Expected " + expected + " but there was no outcome");
        }
        boolean sameReason = reason == null ? outcome.reason() == null
                : outcome.reason() != null && reason.code().equals(outcome.reason().code());
        if (outcome.status() != status || !sameReason) {
            throw new AssertionError("Expected " + expected + " but was " + outcome, outcome.failure());
        }
    }

    /**
     * Asserts that a receiver acknowledged a delivery with a 2xx status.
     *
     * @param response what the receiver answered
     * @throws AssertionError if the status is not 2xx
     */
    public static void assertAcknowledged(WebhookResponse response) {
        if (response == null || !response.isAcknowledged()) {
            throw new AssertionError("Expected a 2xx answer but was " + response);
        }
    }

    /**
     * Asserts that a receiver refused a delivery with the given status and a problem body naming the reason.
     *
     * @param response what the receiver answered
     * @param status the expected status, such as 401
     * @param reason the expected reason, such as {@code SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE}
     * @throws AssertionError if the status or the problem's {@code reason} differs
     */
    public static void assertRefused(WebhookResponse response, int status, Reason reason) {
        WebhookResponse expected = WebhookResponse.of(status, Objects.requireNonNull(reason, "reason"));
        if (!expected.equals(response)) {
            throw new AssertionError("Expected " + expected + " but was " + response);
        }
    }
}
