package dev.hookline.servlet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory without ever holding more than a limit.
 *
 * <p>A body of known length is read into an array of exactly that length. A body of unknown length
 * (chunked) is read into an array that starts small and doubles, never beyond the limit; once the array
 * holds the limit, one more byte is read to learn whether the body goes on, and if it does, reading
 * stops there. Stateless; thread-safe.
 */
final class BodyReader {

    /** The first array for a body of unknown length, when the limit is larger. */
    static final int INITIAL_CAPACITY = 8 * 1024;

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
        return declaredLength >= 0 ? readKnown(in, (int) declaredLength) : readUnknown(in, limit);
    }

    private static byte[] readKnown(InputStream in, int length) throws IOException, Refused {
        byte[] body = new byte[length];
        int count = 0;
        try {
            while (count < length) {
                int n = in.read(body, count, length - count);
                if (n < 0) {
                    throw new Refused(RequestFailure.INCOMPLETE_BODY);
                }
                count += n;
            }
        } catch (EOFException e) {
            throw new Refused(RequestFailure.INCOMPLETE_BODY);
        }
        return body;
    }

    private static byte[] readUnknown(InputStream in, int limit) throws IOException, Refused {
        byte[] buffer = new byte[Math.min(limit, INITIAL_CAPACITY)];
        int count = 0;
        try {
            while (true) {
                if (count == buffer.length) {
                    if (count == limit) {
                        if (in.read() >= 0) {
                            throw new Refused(RequestFailure.BODY_TOO_LARGE);
                        }
                        return buffer;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limit, 2L * buffer.length));
                }
                int n = in.read(buffer, count, buffer.length - count);
                if (n < 0) {
                    return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
                }
                count += n;
            }
        } catch (EOFException e) {
            // a body of unknown length has no declared end to fall short of: the connection broke
            throw new Refused(RequestFailure.INCOMPLETE_BODY);
        }
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
