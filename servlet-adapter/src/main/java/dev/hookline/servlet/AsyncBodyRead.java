package dev.hookline.servlet;

import dev.hookline.DeliveryFailure;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one request's body with the Servlet API's non-blocking I/O, within its read deadline, and then hands it
 * to the endpoint; or reads and discards a refused body. Non-blocking reads are what make the deadline hold for a
 * body that has stopped arriving: a blocking read cannot be interrupted portably, while here the shared timer
 * answers the request at the deadline whatever the connection does.
 *
 * <p>The request is answered exactly once: whoever moves the state to {@link State#FINISHED} first (the reader at
 * the body's end, the reader on an error, or the timer at the deadline) writes the response and completes the
 * request; everyone else does nothing. Once the body is whole the deadline no longer applies: the endpoint's
 * handlers run on the container thread that read the end of the body, for as long as they take. The container's
 * own asynchronous timeout is switched off, so the container never answers the request itself.
 *
 * <p>One instance per request. Its reading state is touched only by the container's read callbacks, which the
 * container never runs concurrently; the state that decides who answers is atomic.
 */
final class AsyncBodyRead implements ReadListener, AsyncListener, Runnable {

    private static final System.Logger LOG = System.getLogger(WebhookExchange.class.getName());

    /** Where the request stands. */
    private enum State {
        /** Reading the body for the endpoint. */
        READING,
        /** Reading and discarding a refused body. */
        DISCARDING,
        /** Answered, or being answered: nothing else may write. */
        FINISHED
    }

    private final WebhookExchange exchange;
    private final HttpServletResponse response;
    private final Headers headers;
    private final Instant receivedAt;
    private final ReadDeadline deadline;
    private final long maxDiscard;
    /** Whether the refusal was written before the body was discarded. */
    private final boolean answered;
    private final AtomicReference<State> state;
    private final AsyncContext async;
    private final ServletInputStream in;
    private volatile ReadDeadlines.Pending timer;

    private BodyBuffer body;
    private byte[] discard;
    private long discarded;

    private AsyncBodyRead(WebhookExchange exchange, HttpServletRequest request, HttpServletResponse response,
                          ServletInputStream in, BodyBuffer body, Instant receivedAt, ReadDeadline deadline,
                          long maxDiscard, boolean answered) {
        this.exchange = exchange;
        this.response = response;
        this.headers = body == null ? null : ServletHeaders.of(request);
        this.body = body;
        this.receivedAt = receivedAt;
        this.deadline = deadline;
        this.maxDiscard = maxDiscard;
        this.answered = answered;
        this.state = new AtomicReference<>(body == null ? State.DISCARDING : State.READING);
        if (body == null) {
            discard = new byte[BodyReader.DRAIN_BUFFER];
        }
        this.async = request.startAsync(request, response);
        this.in = in;
    }

    /**
     * Reads the rest of the body of a request whose declared length (if any) is within the limit into
     * {@code body}, which may hold its first bytes already, then delivers it. Returns at once; the request is
     * answered later, on another thread.
     *
     * @return false if the request's stream cannot read without blocking (a test's mock request, a wrapper that
     *     does not pass non-blocking reads on): nothing was read, and the caller reads it the blocking way
     */
    static boolean thenDeliver(WebhookExchange exchange, HttpServletRequest request, HttpServletResponse response,
                               ServletInputStream in, BodyBuffer body, Instant receivedAt, ReadDeadline deadline) {
        return new AsyncBodyRead(exchange, request, response, in, body, receivedAt, deadline,
                exchange.options().maxDrainSize(), false).start();
    }

    /**
     * Reads and discards the body of a request already answered with a refusal, up to its declared length,
     * within the deadline, so that the client can finish sending it and read the answer.
     */
    static boolean discardAfterAnswer(WebhookExchange exchange, HttpServletRequest request,
                                      HttpServletResponse response, ReadDeadline deadline) throws IOException {
        return new AsyncBodyRead(exchange, request, response, request.getInputStream(), null, null, deadline,
                exchange.options().maxDrainSize(), true).start();
    }

    /** Starts reading; false if the stream refuses a read listener, in which case nothing is left running. */
    private boolean start() {
        async.setTimeout(0);
        async.addListener(this);
        timer = deadline.schedule(this);
        try {
            in.setReadListener(this);
            return true;
        } catch (UnsupportedOperationException e) {
            finishAny();
            cancelTimer();
            complete();
            return false;
        }
    }

    @Override
    public void onDataAvailable() {
        try {
            while (in.isReady()) {
                State now = state.get();
                if (now == State.READING) {
                    if (body.readFrom(in) < 0) {
                        return;
                    }
                } else if (now == State.DISCARDING) {
                    int n = in.read(discard);
                    if (n < 0) {
                        return;
                    }
                    discarded += n;
                    if (discarded > maxDiscard && finish(State.DISCARDING)) {
                        refuseTooLarge(true);
                        return;
                    }
                } else {
                    return;
                }
            }
        } catch (BodyReader.Refused tooLarge) {
            if (state.compareAndSet(State.READING, State.DISCARDING)) {
                exchange.refused(RequestFailure.BODY_TOO_LARGE);
                body = null;
                if (maxDiscard == 0) {
                    if (finish(State.DISCARDING)) {
                        refuseTooLarge(true);
                    }
                    return;
                }
                discard = new byte[BodyReader.DRAIN_BUFFER];
                onDataAvailable();
            }
        } catch (IOException | RuntimeException e) {
            onError(e);
        }
    }

    @Override
    public void onAllDataRead() {
        if (finish(State.READING)) {
            byte[] bytes;
            try {
                bytes = body.body();
            } catch (BodyReader.Refused incomplete) {
                refuse(incomplete.failure());
                return;
            }
            deliver(bytes);
        } else if (finish(State.DISCARDING)) {
            // the whole refused body is read: the connection can serve the client's next request
            refuseTooLarge(false);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (finish(State.READING)) {
            refuse(BodyReader.failureOf(error));
        } else if (finish(State.DISCARDING)) {
            refuseTooLarge(true);
        }
    }

    /** The deadline, on the shared timer: claims the answer, and hands the writing to the container. */
    @Override
    public void run() {
        State was = finishAny();
        if (was == null) {
            return;
        }
        try {
            async.start(() -> {
                if (was == State.READING) {
                    refuse(RequestFailure.BODY_READ_TIMEOUT);
                } else {
                    refuseTooLarge(true);
                }
            });
        } catch (RuntimeException e) {
            // the request is over already (the connection closed): there is no one left to answer
            complete();
        }
    }

    /** Moves from {@code from} to {@link State#FINISHED}; true if this call did it, and so must answer. */
    private boolean finish(State from) {
        if (state.compareAndSet(from, State.FINISHED)) {
            cancelTimer();
            return true;
        }
        return false;
    }

    /** Moves from whatever state to {@link State#FINISHED}: the state it left, or null if already finished. */
    private State finishAny() {
        while (true) {
            State now = state.get();
            if (now == State.FINISHED) {
                return null;
            }
            if (state.compareAndSet(now, State.FINISHED)) {
                return now;
            }
        }
    }

    private void cancelTimer() {
        ReadDeadlines.Pending scheduled = timer;
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    private void deliver(byte[] bytes) {
        try {
            exchange.deliver(response, Delivery.of(headers, bytes), receivedAt);
        } catch (IOException e) {
            // the client went away before it could read the answer
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "Webhook endpoint " + exchange.endpoint().name()
                    + " failed unexpectedly; answering 500 so that the sender retries", e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                try {
                    WebhookExchange.problem(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                            DeliveryFailure.HANDLER_FAILED);
                } catch (IOException | RuntimeException ignored) {
                    // the client went away as well
                }
            }
            if (e instanceof Error error) {
                complete();
                throw error;
            }
        }
        complete();
    }

    /** Answers a body refused while it was being read, closing the connection: the rest of it was not read. */
    private void refuse(RequestFailure failure) {
        exchange.refused(failure);
        answer(failure, true);
    }

    /** Answers a body over the limit, already told to the refusal observer, unless it was answered before. */
    private void refuseTooLarge(boolean close) {
        if (answered) {
            complete();
        } else {
            answer(RequestFailure.BODY_TOO_LARGE, close);
        }
    }

    private void answer(RequestFailure failure, boolean close) {
        try {
            exchange.answer(response, failure, close);
        } catch (IOException | RuntimeException e) {
            // the client went away before it could read the answer
        }
        complete();
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // completed already, when the container gave up on the connection
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        cancelTimer();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // the container's own timeout is off; should someone turn it on, the deadline's answer applies
        State was = finishAny();
        if (was == State.READING) {
            refuse(RequestFailure.BODY_READ_TIMEOUT);
        } else if (was == State.DISCARDING) {
            refuseTooLarge(true);
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        // the connection failed outside a read: nobody can be answered any more
        if (finishAny() != null) {
            complete();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the request is not restarted
    }
}
