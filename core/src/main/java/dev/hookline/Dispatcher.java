package dev.hookline;

import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.Lease;
import dev.hookline.delivery.Reason;
import dev.hookline.event.Envelope;
import dev.hookline.event.MalformedPayloadException;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.event.WebhookEvent;
import dev.hookline.routing.Router;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

/**
 * The dispatch stage of an endpoint: a verified event is claimed in the {@link Deduplicator}, handed to the
 * handlers that match its type, and the claim settled. It never verifies a signature: it trusts that the event
 * was verified when it was accepted (perhaps hours ago, under a secret since rotated away) or that it came over a
 * provider's authenticated API.
 *
 * <ul>
 *   <li>An event already handled is a {@link Outcome.Status#DUPLICATE} and runs nothing.</li>
 *   <li>One held by another dispatch is asked for again, with growing pauses, for up to the endpoint's
 *       {@link WebhookEndpoint.Builder#duplicateWait(Duration) duplicate wait}, then answered as in progress:
 *       answering early could acknowledge an event whose first delivery then fails.</li>
 *   <li>Handlers run within the {@link WebhookEndpoint.Builder#handlerTimeout(Duration) handler budget}; past it
 *       their thread is interrupted and the claim released. A handler failure releases the claim too, so that a
 *       retry runs them again; success completes it, remembered at least until a replay could no longer pass.</li>
 *   <li>No {@code Throwable} from a handler escapes, but the JVM's own {@link VirtualMachineError}s, rethrown once
 *       the claim is released.</li>
 * </ul>
 *
 * <p>Built by {@link WebhookEndpoint.Builder}; immutable and thread-safe.
 */
public final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** The first and the longest pause between two claims of an event another dispatch holds. */
    private static final long FIRST_POLL_NANOS = Duration.ofMillis(2).toNanos();
    private static final long LONGEST_POLL_NANOS = Duration.ofMillis(100).toNanos();

    private static final HexFormat HEX = HexFormat.of();

    private final String endpoint;
    private final Provider provider;
    private final Router router;
    private final Deduplicator deduplicator;
    private final Duration duplicateWait;
    private final Duration handlerTimeout;
    private final Duration lease;
    private final boolean keyOnBodyDigest;
    private final ObjectMapper mapper;
    private final List<OutcomeObserver> observers;
    private final Function<String, JavaType> dataTypes;
    /** {@link #release}, made once rather than a closure per dispatch. */
    private final Consumer<Lease> releaser = this::release;

    Dispatcher(String endpoint, Provider provider, Router router, Deduplicator deduplicator, Duration duplicateWait,
               Duration handlerTimeout, ObjectMapper mapper, List<OutcomeObserver> observers) {
        this.endpoint = endpoint;
        this.provider = provider;
        this.router = router;
        this.deduplicator = deduplicator;
        this.duplicateWait = duplicateWait;
        this.handlerTimeout = handlerTimeout;
        this.lease = handlerTimeout.plus(WebhookEndpoint.LEASE_MARGIN);
        this.keyOnBodyDigest = provider.readsUnsignedHeaders();
        this.mapper = mapper;
        this.observers = List.copyOf(observers);
        this.dataTypes = router::dataTypeFor;
    }

    /**
     * Dispatches an event on its first attempt.
     *
     * @param event an event this endpoint accepted, or one fetched from the provider's API for it
     * @return the outcome, also told to the endpoint's outcome observers
     * @throws IllegalArgumentException if the event belongs to another endpoint or provider
     */
    public Outcome dispatch(VerifiedEvent event) {
        return dispatch(event, 1);
    }

    /**
     * Dispatches a stored event, on the given attempt.
     *
     * @param event an event this endpoint accepted, or one fetched from the provider's API for it
     * @param attempt 1 for the first dispatch, more for later ones; handlers see it in their
     *     {@link dev.hookline.event.Receipt}
     * @return the outcome, also told to the endpoint's outcome observers
     * @throws IllegalArgumentException if the event belongs to another endpoint or provider
     */
    public Outcome dispatch(VerifiedEvent event, int attempt) {
        Objects.requireNonNull(event, "event");
        if (!event.endpoint().equals(endpoint) || !event.provider().equals(provider.name())) {
            throw new IllegalArgumentException("An event of endpoint '" + event.endpoint() + "' (provider '"
                    + event.provider() + "') cannot be dispatched by endpoint '" + endpoint + "' (provider '"
                    + provider.name() + "')");
        }
        Outcome outcome = dispatch(event, null, attempt, System.nanoTime());
        tell(outcome);
        return outcome;
    }

    /**
     * Dispatches an event whose envelope the caller may already have read; tells no observer.
     *
     * @param envelope the envelope read when the event was accepted, or null to read it again from the body
     */
    Outcome dispatch(VerifiedEvent event, Envelope envelope, int attempt, long start) {
        if (envelope == null) {
            try {
                envelope = provider.envelope().read(event.headers(), event.body(), mapper);
            } catch (MalformedPayloadException e) {
                return outcome(Outcome.Status.MALFORMED, e.failure(), event, 0, null, start);
            }
        }
        EventKey key = key(event);
        Claim claim;
        try {
            claim = claim(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(Outcome.Status.FAILED, DeliveryFailure.INTERRUPTED, event, 0, e, start);
        } catch (RuntimeException e) {
            return outcome(Outcome.Status.FAILED, DeliveryFailure.DEDUPLICATION_UNAVAILABLE, event, 0, e, start);
        }
        return switch (claim.status()) {
            case COMPLETED -> outcome(Outcome.Status.DUPLICATE, null, event, 0, null, start);
            case IN_PROGRESS -> outcome(Outcome.Status.FAILED, DeliveryFailure.DELIVERY_IN_PROGRESS, event, 0, null, start);
            case BUSY -> outcome(Outcome.Status.FAILED, DeliveryFailure.BUSY, event, 0, null, start);
            case ACQUIRED -> run(new WebhookEvent(event, attempt, envelope, mapper), claim.lease(), start);
        };
    }

    /**
     * The key under which this dispatcher claims an event in its {@link Deduplicator}, and under which any other
     * store that deduplicates this endpoint's events (such as a durable inbox) should keep them: the endpoint's
     * name and the event id. For a provider that reads its id or type from headers its scheme does not sign
     * ({@link Provider#readsUnsignedHeaders()}), the id is followed by {@code #sha256=} and the lower-case hex
     * SHA-256 of the body, so that a replay under a new id can never take the key of a genuine delivery still to
     * come.
     *
     * @param event an event of this endpoint
     * @return the key
     */
    public EventKey key(VerifiedEvent event) {
        Objects.requireNonNull(event, "event");
        return new EventKey(endpoint, keyOnBodyDigest ? event.id() + "#sha256=" + sha256(event.body()) : event.id());
    }

    /**
     * Claims the event, and asks for it again, with growing pauses, while another dispatch holds it and the wait
     * lasts. The wait starts at the first answer that the event is held: the clock is read only then.
     */
    private Claim claim(EventKey key) throws InterruptedException {
        Claim claim = deduplicator.claim(key, lease);
        if (claim.status() != Claim.Status.IN_PROGRESS) {
            return claim;
        }
        long deadline = System.nanoTime() + duplicateWait.toNanos();
        long pause = FIRST_POLL_NANOS;
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return claim;
            }
            long nanos = Math.min(pause, remaining);
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            pause = Math.min(2 * pause, LONGEST_POLL_NANOS);
            claim = deduplicator.claim(key, lease);
            if (claim.status() != Claim.Status.IN_PROGRESS) {
                return claim;
            }
        }
    }

    /** Runs the handlers of an event this dispatch holds, within the time budget, and settles the claim. */
    private Outcome run(WebhookEvent event, Lease held, long start) {
        HandlerDeadline<Lease> deadline = HandlerDeadline.start(handlerTimeout, releaser, held);
        int handlers = 0;
        Throwable failure = null;
        MalformedPayloadException malformed = null;
        try {
            handlers = router.dispatch(event);
        } catch (MalformedPayloadException e) {
            malformed = e;
        } catch (VirtualMachineError e) {
            if (deadline.finish()) {
                release(held);
            }
            throw e;
        } catch (Throwable e) {
            failure = e;
        }
        VerifiedEvent verified = event.verified();
        if (!deadline.finish()) {
            // the watchdog interrupted the handlers and released the claim: a retry may already be running them
            return outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_TIMED_OUT, verified, 0, failure, start);
        }
        if (malformed != null) {
            release(held);
            return outcome(Outcome.Status.MALFORMED, malformed.failure(), verified, 0, null, start);
        }
        if (failure != null) {
            release(held);
            return outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_FAILED, verified, 0, failure, start);
        }
        complete(held, verified);
        return outcome(Outcome.Status.ACCEPTED, null, verified, handlers, null, start);
    }

    private void complete(Lease held, VerifiedEvent event) {
        try {
            if (!deduplicator.complete(held, event.replayableUntil())) {
                LOG.log(System.Logger.Level.WARNING, "Endpoint " + endpoint + " handled an event whose claim had "
                        + "expired and been taken over; it may be handled again");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Deduplicator failed to record a handled event on endpoint "
                    + endpoint, e);
        }
    }

    private void release(Lease held) {
        try {
            deduplicator.release(held);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Deduplicator failed to release an event on endpoint " + endpoint, e);
        }
    }

    /** Tells every outcome observer; what one throws is logged and changes nothing. */
    void tell(Outcome outcome) {
        for (OutcomeObserver observer : observers) {
            try {
                observer.onOutcome(outcome);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "Outcome observer " + observer.getClass().getName()
                        + " failed on endpoint " + endpoint, e);
            }
        }
    }

    private Outcome outcome(Outcome.Status status, Reason reason, VerifiedEvent event, int handlers,
                            Throwable failure, long start) {
        return Outcome.of(endpoint, status, reason, event.id(), event.type(), handlers, failure, start);
    }

    private static String sha256(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** For an event type, the type its handlers bind data to, or null: so that data can be bound as it is read. */
    Function<String, JavaType> dataTypes() {
        return dataTypes;
    }

    /** How many handler registrations the dispatcher runs events through. */
    int handlerCount() {
        return router.size();
    }

    @Override
    public String toString() {
        return "Dispatcher[" + endpoint + ", " + router.size() + " handler(s), " + deduplicator + "]";
    }
}
