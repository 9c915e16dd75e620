package dev.hookline.delivery;

/**
 * Why a delivery was not accepted: a stable machine-readable {@link #code()} and a short
 * {@link #description()} that is safe to return to the sender.
 *
 * <p>Neither ever contains a secret, a signature or any part of the payload.
 */
public interface Reason {

    /**
     * A stable lower-case identifier.
     *
     * @return the code, such as {@code no_matching_signature}
     */
    String code();

    /**
     * One sentence for people; safe to put in a response or a log line.
     *
     * @return the description
     */
    String description();
}
