package dev.hookline.signature;

import java.util.Objects;

/**
 * A delivery's signature did not verify, for the {@link #failure() reason} given.
 *
 * <p>The message is the reason's fixed description: it never contains a secret, a signature, a header
 * value or the payload. The exception carries no stack trace, since it is an expected outcome of
 * forged or stale requests and must stay cheap to throw.
 */
public final class SignatureVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SignatureFailure failure;

    /**
     * An exception for the given reason.
     *
     * @param failure why verification failed
     */
    public SignatureVerificationException(SignatureFailure failure) {
        super(Objects.requireNonNull(failure, "failure").description(), null, false, false);
        this.failure = failure;
    }

    /** Why verification failed. */
    public SignatureFailure failure() {
        return failure;
    }
}
