package dev.hookline;

import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.dedupe.Lease;
import dev.hookline.event.EventJson;
import dev.hookline.event.EventType;
import dev.hookline.event.MalformedPayloadException;
import dev.hookline.event.PayloadFailure;
import dev.hookline.event.WebhookEvent;
import dev.hookline.routing.EventHandler;
import dev.hookline.routing.Router;
import dev.hookline.routing.WebhookListener;
import dev.hookline.signature.SignatureVerificationException;
import dev.hookline.signature.SignatureVerifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.ObjectMapper;

/**
 * One webhook endpoint: turns a delivery into an {@link Outcome}, end to end.
 *
 * <ol>
 *   <li>verifies the signature over the raw body with the endpoint's secrets and tolerance;</li>
 *   <li>only then parses the provider's envelope into a {@link WebhookEvent};</li>
 *   <li>checks the event's own time where the provider signs none ({@link Builder#maxEventAge(Duration)});</li>
 *   <li>claims the event with the {@link Deduplicator}, keyed by this endpoint's name and the event id: an event
 *       already handled is a duplicate, one being handled by another delivery is waited for (up to
 *       {@link Builder#duplicateWait(Duration)});</li>
 *   <li>runs the matching handlers within a time budget ({@link Builder#handlerTimeout(Duration)}); completes the
 *       claim on success, releases it on failure or when the budget runs out, so that the sender's retry runs
 *       them again.</li>
 * </ol>
 *
 * <pre>{@code
 * WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa())
 *         .secret(System.getenv("EXA_WEBHOOK_SECRET"))
 *         .on(ExaEvents.WEBSET_ITEM_CREATED, item -> index(item))
 *         .on("webset.*", event -> log(event))
 *         .build();
 * Outcome outcome = endpoint.receive(Delivery.of(headers, body));
 * }</pre>
 *
 * <p>Immutable and thread-safe once built: one instance serves every request of its endpoint.
 */
public final class WebhookEndpoint {

    private static final System.Logger LOG = System.getLogger(WebhookEndpoint.class.getName());

    /** The default time a redelivery waits for an earlier delivery of the same event to finish. */
    public static final Duration DEFAULT_DUPLICATE_WAIT = Duration.ofSeconds(5);

    /** The default time the handlers of one delivery may run before their claim is released. */
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofSeconds(30);

    /** How much longer than the handler budget a claim's lease lasts, for stores shared by instances. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    /** The first and the longest pause between two claims of an event another delivery holds. */
    private static final long FIRST_POLL_NANOS = Duration.ofMillis(2).toNanos();
    private static final long LONGEST_POLL_NANOS = Duration.ofMillis(100).toNanos();

    private static final HexFormat HEX = HexFormat.of();
    private final String name;
    private final Provider provider;
    private final SignatureVerifier verifier;
    private final Router router;
    private final Deduplicator deduplicator;
    private final Duration duplicateWait;
    private final Duration maxEventAge;
    private final Duration handlerTimeout;
    private final Duration lease;
    private final boolean keyOnBodyDigest;
    private final ObjectMapper mapper;
    private final List<OutcomeListener> listeners;

    private WebhookEndpoint(String name, Builder builder, SignatureVerifier verifier, Router router,
                            Deduplicator deduplicator) {
        this.name = name;
        this.provider = builder.provider;
        this.verifier = verifier;
        this.router = router;
        this.deduplicator = deduplicator;
        this.duplicateWait = builder.duplicateWait;
        this.maxEventAge = builder.maxEventAge();
        this.handlerTimeout = builder.handlerTimeout;
        this.lease = builder.handlerTimeout.plus(LEASE_MARGIN);
        this.keyOnBodyDigest = builder.provider.readsUnsignedHeaders();
        this.mapper = builder.mapper;
        this.listeners = List.copyOf(builder.listeners);
    }

    /**
     * A builder for an endpoint receiving from {@code provider}.
     *
     * @param provider the sender, such as {@link Providers#exa()}
     * @return the builder
     */
    public static Builder builder(Provider provider) {
        return new Builder(provider);
    }

    /**
     * Handles a delivery received now, by the endpoint's clock.
     *
     * @param delivery the headers and raw body
     * @return the outcome; never null, and no exception escapes for anything the sender controls
     */
    public Outcome receive(Delivery delivery) {
        return receive(delivery, verifier.clock().instant());
    }

    /**
     * Handles a delivery received at {@code receivedAt}: signatures and event times are judged as of
     * then, for deliveries queued and processed later.
     *
     * @param delivery the headers and raw body
     * @param receivedAt when the delivery arrived
     * @return the outcome; never null, and no exception escapes for anything the sender controls
     */
    public Outcome receive(Delivery delivery, Instant receivedAt) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(receivedAt, "receivedAt");
        long start = System.nanoTime();
        Outcome outcome = handle(delivery, receivedAt, start);
        for (OutcomeListener listener : listeners) {
            try {
                listener.onOutcome(outcome);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "Outcome listener " + listener.getClass().getName()
                        + " failed on endpoint " + name, e);
            }
        }
        return outcome;
    }

    private Outcome handle(Delivery delivery, Instant receivedAt, long start) {
        try {
            verifier.verify(delivery.headers(), delivery.body(), receivedAt);
        } catch (SignatureVerificationException e) {
            return outcome(Outcome.Status.REJECTED, e.failure(), null, 0, null, start);
        }

        WebhookEvent event;
        try {
            event = provider.envelope().parse(provider.name(), delivery.headers(), delivery.body(), mapper);
        } catch (MalformedPayloadException e) {
            return outcome(Outcome.Status.MALFORMED, e.failure(), null, 0, null, start);
        }
        if (maxEventAge != null) {
            Outcome stale = checkEventTime(event, receivedAt, start);
            if (stale != null) {
                return stale;
            }
        }

        EventKey key = new EventKey(name, keyOnBodyDigest ? event.id() + "#sha256=" + sha256(delivery.body()) : event.id());
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
            case ACQUIRED -> dispatch(event, claim.lease(), keepUntil(event, receivedAt), start);
        };
    }

    /**
     * Claims the event, asking again with growing pauses while another delivery holds it, until
     * {@link Builder#duplicateWait(Duration)} has passed: answering early could acknowledge an event whose first
     * delivery then fails.
     */
    private Claim claim(EventKey key) throws InterruptedException {
        long deadline = System.nanoTime() + duplicateWait.toNanos();
        long pause = FIRST_POLL_NANOS;
        while (true) {
            Claim claim = deduplicator.claim(key, lease);
            long remaining = deadline - System.nanoTime();
            if (claim.status() != Claim.Status.IN_PROGRESS || remaining <= 0) {
                return claim;
            }
            long nanos = Math.min(pause, remaining);
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            pause = Math.min(2 * pause, LONGEST_POLL_NANOS);
        }
    }

    /** Runs the handlers of an event this delivery holds, within the time budget, and settles the claim. */
    private Outcome dispatch(WebhookEvent event, Lease held, Instant keepUntil, long start) {
        HandlerDeadline deadline = HandlerDeadline.start(handlerTimeout, () -> release(held));
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
        if (!deadline.finish()) {
            // the watchdog interrupted the handlers and released the claim: a retry may already be running them
            return outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_TIMED_OUT, event, 0, failure, start);
        }
        if (malformed != null) {
            release(held);
            return outcome(Outcome.Status.MALFORMED, malformed.failure(), event, 0, null, start);
        }
        if (failure != null) {
            release(held);
            return outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_FAILED, event, 0, failure, start);
        }
        complete(held, keepUntil);
        return outcome(Outcome.Status.ACCEPTED, null, event, handlers, null, start);
    }

    private void complete(Lease held, Instant keepUntil) {
        try {
            if (!deduplicator.complete(held, keepUntil)) {
                LOG.log(System.Logger.Level.WARNING, "Endpoint " + name + " handled an event whose claim had "
                        + "expired and been taken over; it may be handled again");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Deduplicator failed to record a handled event on endpoint " + name, e);
        }
    }

    private void release(Lease held) {
        try {
            deduplicator.release(held);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Deduplicator failed to release an event on endpoint " + name, e);
        }
    }

    /**
     * Until when a replay of this delivery could still be accepted, so the deduplicator must remember the event:
     * the earliest end among the checks that apply (a replay must pass all of them), or null when no check
     * bounds it. A signed timestamp may lie up to the tolerance after receipt, so a replay passes until twice
     * the tolerance after it; an event time passes until the event-age window after it.
     */
    private Instant keepUntil(WebhookEvent event, Instant receivedAt) {
        Instant until = null;
        Duration tolerance = provider.scheme().signsTimestamp() ? verifier.tolerance() : null;
        if (tolerance != null) {
            until = receivedAt.plus(tolerance).plus(tolerance);
        }
        if (maxEventAge != null && event.createdAt() != null) {
            Instant byEventTime = event.createdAt().plus(maxEventAge);
            until = until == null || byEventTime.isBefore(until) ? byEventTime : until;
        }
        return until;
    }

    private static String sha256(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private Outcome checkEventTime(WebhookEvent event, Instant receivedAt, long start) {
        Instant createdAt = event.createdAt();
        if (createdAt == null) {
            return outcome(Outcome.Status.MALFORMED, PayloadFailure.MISSING_EVENT_TIME, event, 0, null, start);
        }
        Duration skew = Duration.between(createdAt, receivedAt).abs();
        if (skew.compareTo(maxEventAge) > 0) {
            return outcome(Outcome.Status.REJECTED, PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE, event, 0, null, start);
        }
        return null;
    }

    private Outcome outcome(Outcome.Status status, Reason reason, WebhookEvent event, int handlers,
                            Throwable failure, long start) {
        return new Outcome(name, status, reason, event == null ? null : event.id(), event == null ? null : event.type(),
                handlers, failure, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The endpoint's name, used in outcomes and metrics. */
    public String name() {
        return name;
    }

    /**
     * The clock giving times of receipt; adapters read it when a request arrives and pass that instant
     * to {@link #receive(Delivery, Instant)}, so time spent reading the body does not count against the
     * sender.
     *
     * @return the clock
     */
    public Clock clock() {
        return verifier.clock();
    }

    /** The provider this endpoint receives from. */
    public Provider provider() {
        return provider;
    }

    /** Never shows secrets. */
    @Override
    public String toString() {
        return "WebhookEndpoint[" + name + ", provider=" + provider.name() + ", " + router.size() + " handler(s), "
                + deduplicator + "]";
    }

    /** Configures a {@link WebhookEndpoint}; not thread-safe. {@link #build()} checks everything. */
    public static final class Builder {
        private final Provider provider;
        private final SignatureVerifier.Builder verifier;
        private final Router.Builder router;
        private final List<OutcomeListener> listeners = new ArrayList<>();
        private final List<Object> listenerObjects = new ArrayList<>();
        private String name;
        private Deduplicator deduplicator;
        private Duration duplicateWait = DEFAULT_DUPLICATE_WAIT;
        private Duration handlerTimeout = DEFAULT_HANDLER_TIMEOUT;
        private Duration maxEventAge;
        private boolean eventAgeCheck = true;
        private boolean timestampCheck = true;
        private Duration tolerance = SignatureVerifier.DEFAULT_TOLERANCE;
        private ObjectMapper mapper = EventJson.mapper();

        private Builder(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.verifier = SignatureVerifier.builder(provider.scheme());
            this.router = Router.builder(provider.catalog());
        }

        /**
         * The endpoint's name in outcomes, metrics and listener filters. Default the provider's name.
         *
         * @param name a short name
         * @return this builder
         */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("An endpoint name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Adds an accepted secret; a delivery signed with any of them is authentic. To rotate, add the new
         * secret, switch the sender over, then remove the old one.
         *
         * @param secret the secret, as the provider issued it
         * @return this builder
         */
        public Builder secret(String secret) {
            verifier.secret(secret);
            return this;
        }

        /**
         * Adds several accepted secrets.
         *
         * @param secrets the secrets, as the provider issued them
         * @return this builder
         */
        public Builder secrets(String... secrets) {
            verifier.secrets(secrets);
            return this;
        }

        /**
         * Adds several accepted secrets.
         *
         * @param secrets the secrets, as the provider issued them
         * @return this builder
         */
        public Builder secrets(Iterable<String> secrets) {
            verifier.secrets(secrets);
            return this;
        }

        /**
         * How far a signed timestamp may be from the time of receipt, in either direction. Default five minutes.
         *
         * @param tolerance a non-negative duration
         * @return this builder
         */
        public Builder tolerance(Duration tolerance) {
            verifier.tolerance(tolerance);
            this.tolerance = tolerance;
            this.timestampCheck = true;
            return this;
        }

        /**
         * Accepts signed timestamps however old or new. Replays are then stopped only by deduplication.
         *
         * @return this builder
         */
        public Builder withoutTimestampCheck() {
            verifier.withoutTimestampCheck();
            this.timestampCheck = false;
            return this;
        }

        /**
         * The clock giving the time of receipt. Default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            verifier.clock(clock);
            return this;
        }

        /**
         * Rejects events whose envelope time is further than {@code maxEventAge} from the time of receipt,
         * in either direction, and treats a missing event time as malformed. The default is the provider's
         * {@link Provider#maxEventAge()}: three days for Encrata, which signs no timestamp, and none for the
         * others. A legitimate redelivery of an old event is refused past it, so set it longer than the sender's
         * retry period; the deduplicator must remember events at least as long (see {@link #build()}).
         *
         * @param maxEventAge a positive duration
         * @return this builder
         */
        public Builder maxEventAge(Duration maxEventAge) {
            Objects.requireNonNull(maxEventAge, "maxEventAge");
            if (maxEventAge.isNegative() || maxEventAge.isZero()) {
                throw new IllegalArgumentException("maxEventAge must be positive, was " + maxEventAge);
            }
            this.maxEventAge = maxEventAge;
            this.eventAgeCheck = true;
            return this;
        }

        /**
         * Accepts events of any age, even from a provider with a default window. For a provider that signs no
         * timestamp, a captured delivery can then be replayed as soon as the deduplicator has forgotten it.
         *
         * @return this builder
         */
        public Builder withoutEventAgeCheck() {
            this.eventAgeCheck = false;
            return this;
        }

        /** The event-age window in force: the one set, else the provider's; null when there is none. */
        private Duration maxEventAge() {
            if (!eventAgeCheck) {
                return null;
            }
            return maxEventAge != null ? maxEventAge : provider.maxEventAge();
        }

        /**
         * How long the handlers of one delivery may run. When it runs out, their thread is interrupted, the claim on
         * the event is released so that the sender's retry can run them again, and the outcome is
         * {@link DeliveryFailure#HANDLER_TIMED_OUT}. A handler that ignores the interrupt keeps its thread until it
         * returns, but no longer blocks the event. Default 30 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder handlerTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handlerTimeout must be positive, was " + timeout);
            }
            this.handlerTimeout = timeout;
            return this;
        }

        /**
         * Where handled events are remembered. Default a new {@link InMemoryDeduplicator} with default limits and a
         * retention of at least the endpoint's replay window. A store may be shared by several endpoints: events
         * are keyed by endpoint name and event id.
         *
         * @param deduplicator the deduplicator; {@link Deduplicator#none()} to turn deduplication off
         * @return this builder
         */
        public Builder deduplicator(Deduplicator deduplicator) {
            this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
            return this;
        }

        /**
         * How long a redelivery waits for an earlier delivery of the same event that is still being
         * handled, before asking the sender to retry. Default five seconds.
         *
         * @param wait a non-negative duration
         * @return this builder
         */
        public Builder duplicateWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("duplicateWait must not be negative, was " + wait);
            }
            this.duplicateWait = wait;
            return this;
        }

        /**
         * The mapper that parses envelopes and binds data. Default {@link EventJson#mapper()}; a custom
         * one should be configured with {@link EventJson#configure} to stay lenient with providers.
         *
         * @param mapper the mapper
         * @return this builder
         */
        public Builder jsonMapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Adds a listener told of every outcome, for metrics or logging.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder outcomeListener(OutcomeListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Handles events of a typed key with their data bound to its record.
         *
         * @param type the key, such as {@code ExaEvents.WEBSET_ITEM_CREATED}
         * @param handler receives the bound data
         * @param <T> the data type
         * @return this builder
         */
        public <T> Builder on(EventType<T> type, EventHandler<? super T> handler) {
            router.on(type, handler);
            return this;
        }

        /**
         * Handles events whose type matches a name, a prefix pattern such as {@code webset.*}, or {@code *}.
         *
         * @param typeOrPattern the name or pattern
         * @param handler receives the whole event
         * @return this builder
         */
        public Builder on(String typeOrPattern, EventHandler<? super WebhookEvent> handler) {
            router.on(typeOrPattern, handler);
            return this;
        }

        /**
         * Handles every event, after the more specific handlers; unknown types included.
         *
         * @param handler receives the whole event
         * @return this builder
         */
        public Builder onAny(EventHandler<? super WebhookEvent> handler) {
            router.onAny(handler);
            return this;
        }

        /**
         * Registers the {@link WebhookListener} methods of an object that apply to this endpoint: those
         * naming no endpoint, and those naming this endpoint's {@link #name(String) name}. The methods are
         * inspected by {@link #build()}.
         *
         * @param listener an object with annotated methods
         * @return this builder
         */
        public Builder listener(Object listener) {
            listenerObjects.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The endpoint.
         *
         * @return the endpoint
         * @throws IllegalArgumentException if no secret was given or one is invalid, a listener method cannot be
         *     served (the message names the method), or the deduplicator's retention is shorter than the endpoint's
         *     replay window (the longer of the timestamp tolerance and the event-age window): it would forget events
         *     that could still be replayed
         */
        public WebhookEndpoint build() {
            String endpointName = name == null ? provider.name() : name;
            SignatureVerifier builtVerifier = verifier.build();
            Duration window = replayWindow();
            Deduplicator store = deduplicator;
            if (store == null) {
                Duration retention = InMemoryDeduplicator.DEFAULT_RETENTION;
                store = InMemoryDeduplicator.builder()
                        .retention(window != null && window.compareTo(retention) > 0 ? window : retention)
                        .build();
            } else if (window != null) {
                Duration retention = store.retention().orElse(null);
                if (retention != null && retention.compareTo(window) < 0) {
                    throw new IllegalArgumentException("Endpoint '" + endpointName + "': the deduplicator's retention ("
                            + retention + ") is shorter than the endpoint's replay window (" + window + ", the "
                            + (Objects.equals(window, maxEventAge()) ? "maxEventAge" : "timestamp tolerance")
                            + "): a replayed delivery could be accepted after its event is forgotten. Lengthen the "
                            + "retention or shorten the window.");
                }
            }
            for (Object listener : listenerObjects) {
                router.listener(listener, endpointName);
            }
            listenerObjects.clear(); // now held by the router builder: a second build() must not add them again
            return new WebhookEndpoint(endpointName, this, builtVerifier, router.build(), store);
        }

        /**
         * How long a replay of a delivery could be accepted for, under the settings so far: the longer of the
         * timestamp tolerance (for schemes that sign a timestamp) and the event-age window. A deduplicator must
         * remember events at least this long.
         *
         * @return the window, or null when nothing bounds it (a replay is then stopped by deduplication alone)
         */
        public Duration replayWindow() {
            Duration eventAge = maxEventAge();
            Duration signed = timestampCheck && provider.scheme().signsTimestamp() ? tolerance : null;
            if (eventAge == null) {
                return signed;
            }
            return signed == null || eventAge.compareTo(signed) >= 0 ? eventAge : signed;
        }
    }
}
