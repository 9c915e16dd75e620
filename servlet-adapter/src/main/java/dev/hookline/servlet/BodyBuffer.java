package dev.hookline.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of one request body, held in an array that grows as they arrive: it starts at
 * {@value #INITIAL_CAPACITY} bytes (or the body's declared length, if smaller) and doubles, never beyond the
 * declared length or, for a body of unknown length, the limit. A sender that declares a large body and sends
 * little of it therefore costs little memory, and a body of the declared length ends up in an array of exactly
 * that length, with no final copy.
 *
 * <p>Once the array holds as much as the body may have, one more byte is read to learn whether the body goes on;
 * if it does, the body is too large. Used by one request at a time: not thread-safe.
 */
final class BodyBuffer {

    /** The first array's length, when the body may be longer. */
    static final int INITIAL_CAPACITY = 8 * 1024;

    private final long declaredLength;
    private final int capacity;
    private byte[] bytes;
    private int count;

    /**
     * An empty buffer for one body.
     *
     * @param declaredLength the {@code Content-Length}, or -1 if unknown; at most {@code limit}
     * @param limit the largest body accepted, in bytes
     */
    BodyBuffer(long declaredLength, int limit) {
        if (declaredLength > limit) {
            throw new IllegalArgumentException("declared length " + declaredLength + " is over the limit " + limit);
        }
        this.declaredLength = declaredLength;
        this.capacity = declaredLength >= 0 ? (int) declaredLength : limit;
        this.bytes = new byte[Math.min(capacity, INITIAL_CAPACITY)];
    }

    /**
     * Reads once from {@code in}: as much as one {@code read} gives.
     *
     * @return the number of bytes read, or -1 at the end of the body
     * @throws BodyReader.Refused with {@link RequestFailure#BODY_TOO_LARGE} if the body goes on past what it may hold
     * @throws IOException if reading fails
     */
    int readFrom(InputStream in) throws IOException, BodyReader.Refused {
        if (count == bytes.length) {
            if (count == capacity) {
                if (in.read() < 0) {
                    return -1;
                }
                throw new BodyReader.Refused(RequestFailure.BODY_TOO_LARGE);
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(capacity, 2L * bytes.length));
        }
        int n = in.read(bytes, count, bytes.length - count);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    /** Whether every declared byte has arrived; always false for a body of unknown length. */
    boolean hasDeclaredLength() {
        return declaredLength >= 0 && count == declaredLength;
    }

    /** How many bytes have arrived. */
    int size() {
        return count;
    }

    /** The length of the array now holding the bytes. */
    int allocated() {
        return bytes.length;
    }

    /**
     * The whole body, once it has ended.
     *
     * @return the body, exactly as long as it is
     * @throws BodyReader.Refused with {@link RequestFailure#INCOMPLETE_BODY} if it ended before its declared length
     */
    byte[] body() throws BodyReader.Refused {
        if (declaredLength >= 0 && count < declaredLength) {
            throw new BodyReader.Refused(RequestFailure.INCOMPLETE_BODY);
        }
        return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
    }
}
