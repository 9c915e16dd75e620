package dev.hookline.servlet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.concurrent.TimeoutException;

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

    /** The array a refused body is read into and discarded from. */
    static final int DRAIN_BUFFER = 8 * 1024;

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
     * Reads a whole body, however long it takes.
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
        return read(in, declaredLength, limit, ReadDeadline.NONE);
    }

    /**
     * Reads a whole body, checking the deadline before each read. A blocking read cannot be interrupted, so a
     * body that stops arriving altogether holds the read until the container's idle timeout.
     *
     * @param in the body stream
     * @param declaredLength the {@code Content-Length}, or -1 if unknown
     * @param limit the largest body accepted, in bytes
     * @param deadline when the body must have arrived
     * @return the body, exactly as long as it is
     * @throws Refused with {@link RequestFailure#BODY_TOO_LARGE} if the body is longer than the limit,
     *     {@link RequestFailure#INCOMPLETE_BODY} if it ended before its declared length, or
     *     {@link RequestFailure#BODY_READ_TIMEOUT} if more was still to be read when the deadline passed
     * @throws IOException if reading fails for another reason
     */
    static byte[] read(InputStream in, long declaredLength, int limit, ReadDeadline deadline)
            throws IOException, Refused {
        if (exceeds(declaredLength, limit)) {
            throw new Refused(RequestFailure.BODY_TOO_LARGE);
        }
        return read(in, new BodyBuffer(declaredLength, limit), deadline);
    }

    /**
     * Reads the rest of a body into {@code body}, which may hold its first bytes already, checking the deadline
     * before each read.
     *
     * @param in the body stream
     * @param body the buffer the body goes into
     * @param deadline when the body must have arrived
     * @return the body, exactly as long as it is
     * @throws Refused as {@link #read(InputStream, long, int, ReadDeadline)}
     * @throws IOException if reading fails for another reason
     */
    static byte[] read(InputStream in, BodyBuffer body, ReadDeadline deadline) throws IOException, Refused {
        try {
            while (!body.hasDeclaredLength()) {
                if (deadline.expired()) {
                    throw new Refused(RequestFailure.BODY_READ_TIMEOUT);
                }
                if (body.readFrom(in) < 0) {
                    break;
                }
            }
        } catch (EOFException e) {
            // the connection broke: a body of unknown length has no declared end, but it did not end either
            throw new Refused(RequestFailure.INCOMPLETE_BODY);
        }
        return body.body();
    }

    /**
     * Reads what has arrived of a body of declared length without ever waiting for more: only while the stream
     * says it can give bytes without blocking ({@link InputStream#available()}). A small body usually arrives with
     * the request's headers, and is then read whole here.
     *
     * @param in the body stream
     * @param body the buffer the body goes into, of a declared length
     * @return the body, if it is whole; null if more is to come, with what has arrived in {@code body}
     * @throws Refused with {@link RequestFailure#INCOMPLETE_BODY} if it ended before its declared length
     * @throws IOException if reading fails
     */
    static byte[] readArrived(InputStream in, BodyBuffer body) throws IOException, Refused {
        while (!body.hasDeclaredLength()) {
            if (in.available() <= 0) {
                return null;
            }
            if (body.readFrom(in) < 0) {
                return body.body();
            }
        }
        return body.body();
    }

    /**
     * Reads and discards the rest of a refused body, up to {@code maxBytes} and the deadline.
     *
     * @param in the body stream
     * @param maxBytes the most bytes to discard
     * @param deadline when to give up
     * @return true if the body ended within both bounds, so the connection can serve another request
     */
    static boolean drain(InputStream in, long maxBytes, ReadDeadline deadline) {
        byte[] discard = new byte[(int) Math.min(DRAIN_BUFFER, Math.max(1, maxBytes))];
        long drained = 0;
        try {
            while (!deadline.expired()) {
                int n = in.read(discard);
                if (n < 0) {
                    return true;
                }
                drained += n;
                if (drained > maxBytes) {
                    return false;
                }
            }
        } catch (IOException e) {
            // the client is gone or the body broken: nothing more to discard, and the connection cannot go on
        }
        return false;
    }

    /**
     * Why a body could not be read, from the error a read gave: a timeout (the container's own) is
     * {@link RequestFailure#BODY_READ_TIMEOUT}; anything else, the connection breaking or the body's framing, is
     * {@link RequestFailure#INCOMPLETE_BODY}.
     */
    static RequestFailure failureOf(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof InterruptedByTimeoutException) {
                return RequestFailure.BODY_READ_TIMEOUT;
            }
        }
        return RequestFailure.INCOMPLETE_BODY;
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
