package dev.hookline.cli;

/**
 * What the receiver answered to one post.
 *
 * @param status the HTTP status
 * @param reason the {@code reason} of an {@code application/problem+json} body; null if there was none
 */
public record Response(int status, String reason) {

    /** Whether the receiver acknowledged the delivery (2xx). */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The status, and the reason if there is one: {@code 204} or {@code 401 reason=no_matching_signature}. */
    @Override
    public String toString() {
        return reason == null ? Integer.toString(status) : status + " reason=" + reason;
    }
}
