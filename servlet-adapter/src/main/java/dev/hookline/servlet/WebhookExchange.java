package dev.hookline.servlet;

import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.delivery.Reason;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Objects;

/**
 * Turns one HTTP exchange into a call to a {@link WebhookEndpoint} and its {@link Outcome} into the
 * response: the one place where {@link WebhookFilter} and {@link WebhookServlet} do their work.
 *
 * <p>Immutable and thread-safe: one instance serves every request of its endpoint.
 */
final class WebhookExchange {

    private static final System.Logger LOG = System.getLogger(WebhookExchange.class.getName());

    private static final String POST = "POST";

    /** 413, named "Content Too Large" by RFC 9110; spelled out to read the same on every Servlet API version. */
    static final int SC_CONTENT_TOO_LARGE = 413;

    private final WebhookEndpoint endpoint;
    private final WebhookServletOptions options;
    private final String retryAfter;

    WebhookExchange(WebhookEndpoint endpoint, WebhookServletOptions options) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.options = Objects.requireNonNull(options, "options");
        this.retryAfter = Long.toString(options.retryAfterSeconds());
    }

    WebhookEndpoint endpoint() {
        return endpoint;
    }

    WebhookServletOptions options() {
        return options;
    }

    /**
     * Answers one request, or starts to: the body is read only for a POST whose declared length is within the
     * limit, and nothing is written before the endpoint's outcome is known.
     *
     * <p>Of a body of declared length, what has arrived with the request is read first, without waiting: a small
     * body is usually whole already, and is then delivered here and now. Otherwise, with asynchronous support, the
     * rest is read with non-blocking reads and the request is answered once it is whole (on the container thread
     * that read its end), or at the read deadline; this method returns before then. Without, the rest is read here
     * with blocking reads that check the deadline between reads.
     *
     * @throws IOException if the response cannot be written: left to the container
     */
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ReadDeadline deadline = ReadDeadline.startingNow(options.bodyReadTimeout());
        if (!POST.equals(request.getMethod())) {
            response.setHeader("Allow", POST);
            refuseUnread(request, response, RequestFailure.METHOD_NOT_ALLOWED, request.getContentLengthLong(), deadline);
            return;
        }
        Instant receivedAt = endpoint.clock().instant();
        long declaredLength = request.getContentLengthLong();
        if (BodyReader.exceeds(declaredLength, options.maxBodySize())) {
            refuseUnread(request, response, RequestFailure.BODY_TOO_LARGE, declaredLength, deadline);
            return;
        }
        BodyBuffer buffer = new BodyBuffer(declaredLength, options.maxBodySize());
        byte[] body;
        try {
            ServletInputStream in = request.getInputStream();
            // a declared length counts body bytes only: what the stream holds of them is read without waiting
            body = declaredLength < 0 ? null : BodyReader.readArrived(in, buffer);
            if (body == null) {
                if (request.isAsyncSupported()
                        && AsyncBodyRead.thenDeliver(this, request, response, in, buffer, receivedAt, deadline)) {
                    return;
                }
                body = BodyReader.read(in, buffer, deadline);
            }
        } catch (BodyReader.Refused refused) {
            refuseRead(request, response, refused.failure(), deadline);
            return;
        } catch (IOException e) {
            refuseRead(request, response, BodyReader.failureOf(e), deadline);
            return;
        }
        deliver(response, Delivery.of(ServletHeaders.of(request), body), receivedAt);
    }

    /**
     * Refuses a body that could not be read whole: answered at once, after the rest of a body too large is discarded
     * within {@link WebhookServletOptions#maxDrainSize()} and the deadline (keeping the connection open), or with
     * {@code Connection: close} when it is not.
     */
    private void refuseRead(HttpServletRequest request, HttpServletResponse response, RequestFailure failure,
                            ReadDeadline deadline) throws IOException {
        refused(failure);
        boolean drained = failure == RequestFailure.BODY_TOO_LARGE
                && BodyReader.drain(request.getInputStream(), options.maxDrainSize(), deadline);
        answer(response, failure, !drained);
    }

    /**
     * Refuses a request without reading its body: a method other than POST (405), or a body too large by its
     * declared length (413). Within {@link WebhookServletOptions#maxDrainSize()}, the answer is sent at once and the
     * body then read and discarded (RFC 9112, section 9.6), so that a client still sending it gets the answer rather
     * than a reset connection, and the connection stays open. A larger body, or one the client waits to be asked for
     * ({@code Expect: 100-continue}), is never read: the answer closes the connection instead.
     */
    private void refuseUnread(HttpServletRequest request, HttpServletResponse response, RequestFailure failure,
                              long declaredLength, ReadDeadline deadline) throws IOException {
        refused(failure);
        if (declaredLength > options.maxDrainSize() || expectsContinue(request)) {
            answer(response, failure, true);
            return;
        }
        answer(response, failure, false);
        if (declaredLength == 0 || declaredLength < 0 && request.getHeader("Transfer-Encoding") == null) {
            return; // no body to discard
        }
        if (!request.isAsyncSupported() || !AsyncBodyRead.discardAfterAnswer(this, request, response, deadline)) {
            BodyReader.drain(request.getInputStream(), declaredLength < 0 ? options.maxDrainSize() : declaredLength,
                    deadline);
        }
    }

    private static boolean expectsContinue(HttpServletRequest request) {
        Enumeration<String> expectations = request.getHeaders("Expect");
        while (expectations != null && expectations.hasMoreElements()) {
            if (expectations.nextElement().trim().equalsIgnoreCase("100-continue")) {
                return true;
            }
        }
        return false;
    }

    /** Hands a whole body to the receiver (the endpoint itself, by default) and answers with its outcome. */
    void deliver(HttpServletResponse response, Delivery delivery, Instant receivedAt) throws IOException {
        Outcome outcome = options.receiver().receive(endpoint, delivery, receivedAt);
        if (outcome.failure() != null && options.logFailures()) {
            logFailure(outcome);
        }
        respond(response, outcome);
    }

    /**
     * Answers a request refused before the endpoint with its problem body.
     *
     * @param close whether to end the connection after the answer, because the rest of the body was not read
     */
    void answer(HttpServletResponse response, RequestFailure failure, boolean close) throws IOException {
        if (close) {
            response.setHeader("Connection", "close");
        }
        problem(response, status(failure), failure);
        // on the wire now, before the container reads or discards whatever is left of the body
        response.flushBuffer();
    }

    /** The status of a request refused before the endpoint. */
    static int status(RequestFailure failure) {
        return switch (failure) {
            case METHOD_NOT_ALLOWED -> HttpServletResponse.SC_METHOD_NOT_ALLOWED;
            case BODY_TOO_LARGE -> SC_CONTENT_TOO_LARGE;
            case INCOMPLETE_BODY -> HttpServletResponse.SC_BAD_REQUEST;
            case BODY_READ_TIMEOUT -> HttpServletResponse.SC_REQUEST_TIMEOUT;
        };
    }

    /** Tells the refusal observer, if any; its failure never changes the response. */
    void refused(RequestFailure failure) {
        RefusalObserver observer = options.refusalObserver();
        if (observer == null) {
            return;
        }
        try {
            observer.onRefusal(endpoint.name(), failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Refusal observer " + observer.getClass().getName()
                    + " failed on endpoint " + endpoint.name(), e);
        }
    }

    /** Answers with core's one policy for outcomes: {@link Outcome#httpStatus()} and {@link Outcome#retryLater()}. */
    private void respond(HttpServletResponse response, Outcome outcome) throws IOException {
        int status = outcome.httpStatus();
        if (status == HttpServletResponse.SC_NO_CONTENT) {
            response.setStatus(status);
            return;
        }
        if (outcome.retryLater()) {
            response.setHeader("Retry-After", retryAfter);
        }
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            // RFC 9110 requires a challenge with every 401 (some clients refuse the answer without one): the
            // credentials a sender must present are a valid signature over the body
            response.setHeader("WWW-Authenticate", "Signature realm=\"webhooks\"");
        }
        problem(response, status, outcome.reason());
    }

    static void problem(HttpServletResponse response, int status, Reason reason) throws IOException {
        byte[] json = ProblemJson.of(status, reason);
        response.setStatus(status);
        response.setContentType(ProblemJson.MEDIA_TYPE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** Names the endpoint, reason, event type and id; never the payload or a header. */
    private static void logFailure(Outcome outcome) {
        LOG.log(System.Logger.Level.WARNING, "Webhook delivery failed on endpoint " + outcome.endpoint()
                + " (" + outcome.reason().code() + ") for event type " + outcome.eventType()
                + ", id " + outcome.eventId() + "; the sender will retry", outcome.failure());
    }
}
