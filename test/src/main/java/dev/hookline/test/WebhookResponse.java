package dev.hookline.test;

import dev.hookline.Outcome;
import dev.hookline.delivery.Reason;
import dev.hookline.event.EventJson;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a receiver answered to one delivery, in the terms a sender sees: the HTTP status, and the {@code reason}
 * member of an {@code application/problem+json} body (RFC 9457), which Hookline's adapters send with every
 * refusal. The same value comes from every way of sending, so one expectation fits them all:
 *
 * <pre>{@code
 * assertThat(delivery.postTo(url)).isEqualTo(WebhookResponse.of(401, SignatureFailure.NO_MATCHING_SIGNATURE));
 * assertThat(WebhookResponse.of(delivery.sendTo(endpoint))).isEqualTo(WebhookResponse.of(204, null));
 * }</pre>
 *
 * <p>Immutable; equal when status and reason are.
 *
 * @param status the HTTP status code
 * @param reason the problem's {@code reason} code, such as {@code no_matching_signature}; null when the body is not
 *     a problem or has no {@code reason}
 */
public record WebhookResponse(int status, String reason) {

    private static final String PROBLEM_JSON = "application/problem+json";

    /**
     * Checks that the status is one HTTP has.
     *
     * @param status the HTTP status code, 100 to 599
     * @param reason the problem's {@code reason}, or null
     */
    public WebhookResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("An HTTP status is between 100 and 599, was " + status);
        }
    }

    /**
     * The answer an adapter gives for an endpoint's outcome: {@link Outcome#httpStatus()} and the outcome's reason.
     *
     * @param outcome what the endpoint made of a delivery
     * @return the status and reason code
     */
    public static WebhookResponse of(Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return new WebhookResponse(outcome.httpStatus(), outcome.reason() == null ? null : outcome.reason().code());
    }

    /**
     * An expected answer.
     *
     * @param status the HTTP status code
     * @param reason why the delivery is refused, or null for an answer without a problem body
     * @return the status and the reason's code
     */
    public static WebhookResponse of(int status, Reason reason) {
        return new WebhookResponse(status, reason == null ? null : reason.code());
    }

    /**
     * Reads an HTTP answer: the reason is taken from the body only if the content type is
     * {@code application/problem+json} and the body a JSON object with a string {@code reason}.
     *
     * @param status the HTTP status code
     * @param contentType the {@code Content-Type} header, or null
     * @param body the response body, or null or empty for none
     * @return the status and the reason, if any
     */
    public static WebhookResponse fromHttp(int status, String contentType, byte[] body) {
        return new WebhookResponse(status, problemReason(contentType, body));
    }

    /**
     * Whether the receiver acknowledged the delivery, with any 2xx status: the sender would not retry it.
     *
     * @return true for a 2xx status
     */
    public boolean isAcknowledged() {
        return status >= 200 && status < 300;
    }

    /**
     * The status, and the reason if there is one.
     *
     * @return such as {@code 204} or {@code 401 reason=no_matching_signature}
     */
    @Override
    public String toString() {
        return reason == null ? Integer.toString(status) : status + " reason=" + reason;
    }

    private static String problemReason(String contentType, byte[] body) {
        if (contentType == null || body == null || body.length == 0
                || !contentType.strip().toLowerCase(Locale.ROOT).startsWith(PROBLEM_JSON)) {
            return null;
        }
        try {
            JsonNode reason = EventJson.mapper().readTree(body).get("reason");
            return reason != null && reason.isString() ? reason.stringValue() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
