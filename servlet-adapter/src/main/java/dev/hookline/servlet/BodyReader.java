package dev.hookline.servlet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory with blocking reads, without ever holding more than a limit.
 *
 * <p>The bytes go into a {@link BodyBuffer}, which grows as they arrive: a declared length is trusted for the
 * final size but never allocated up front. A body of unknown length (chunked) is read up to the limit, and one
 * more byte tells whether it goes on. Stateless; thread-safe.
 */
final class BodyReader {

    /** The first array for a body that may be longer. */
    static final int INITIAL_CAPACITY = BodyBuffer.INITIAL_CAPACITY;

    private BodyReader() {
    }

    /**
     * Whether a declared length alone rules the body out, so that it need not be read at all.
     *
     * @param declaredLength the {@code Content-Length}, or -1 if unknown
     * @param limit the largest body accepted
     * @return true if the body is known to be too long
     */
    static boolean exceeds(long declaredLength, int limit) {
        return declaredLength > limit;
    }

    /**
     * Reads a whole body.
     *
     * @param in the body stream
     * @param declaredLength the {@code Content-Length}, or -1 if unknown
     * @param limit the largest body accepted, in bytes
     * @return the body, exactly as long as it is
     * @throws Refused with {@link RequestFailure#BODY_TOO_LARGE} if the body is longer than the limit, or
     *     {@link RequestFailure#INCOMPLETE_BODY} if it ended before its declared length
     * @throws IOException if reading fails for another reason
     */
    static byte[] read(InputStream in, long declaredLength, int limit) throws IOException, Refused {
        if (exceeds(declaredLength, limit)) {
            throw new Refused(RequestFailure.BODY_TOO_LARGE);
        }
        BodyBuffer body = new BodyBuffer(declaredLength, limit);
        try {
            while (!body.hasDeclaredLength() && body.readFrom(in) >= 0) {
                // the buffer grows as the bytes arrive
            }
        } catch (EOFException e) {
            // the connection broke: a body of unknown length has no declared end, but it did not end either
            throw new Refused(RequestFailure.INCOMPLETE_BODY);
        }
        return body.body();
    }

    /** A body the adapter refuses, with the reason to answer. Carries no stack trace. */
    static final class Refused extends Exception {
        private final RequestFailure failure;

        Refused(RequestFailure failure) {
            super(failure.code(), null, false, false);
            this.failure = failure;
        }

        RequestFailure failure() {
            return failure;
        }
    }
}
