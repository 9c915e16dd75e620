package dev.hookline.event;

import java.util.Objects;

/**
 * An authentic delivery's payload could not be read as an event, for the {@link #failure() reason} given.
 *
 * <p>The message is the reason's fixed description and never contains any part of the payload. The
 * parser's own exception is not attached, since its message may quote the payload.
 */
public final class MalformedPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient PayloadFailure failure;

    /**
     * An exception for the given reason.
     *
     * @param failure why the payload is malformed
     */
    public MalformedPayloadException(PayloadFailure failure) {
        super(Objects.requireNonNull(failure, "failure").description(), null, false, false);
        this.failure = failure;
    }

    /** Why the payload is malformed. */
    public PayloadFailure failure() {
        return failure;
    }
}
