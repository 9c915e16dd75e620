package dev.hookline;

import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.event.EventJson;
import dev.hookline.event.EventType;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.event.WebhookEvent;
import dev.hookline.routing.EventHandler;
import dev.hookline.routing.Router;
import dev.hookline.routing.WebhookListener;
import dev.hookline.signature.SignatureVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.ObjectMapper;

/**
 * One webhook endpoint: turns a delivery into an {@link Outcome}, end to end, in two stages it also offers on
 * their own.
 *
 * <ol>
 *   <li>{@link #accept} ({@link Acceptor}): verifies the signature over the raw body with the endpoint's secrets
 *       and tolerance; only then reads the provider's envelope; checks the event's own time where the provider
 *       signs none ({@link Builder#maxEventAge(Duration)}). The result is a storable {@link VerifiedEvent}, or a
 *       rejection.</li>
 *   <li>{@link #dispatch} ({@link Dispatcher}): claims the event with the {@link Deduplicator}, keyed by this
 *       endpoint's name and the event id (an event already handled is a duplicate, one being handled by another
 *       delivery is waited for), runs the matching handlers within a time budget, and completes the claim on
 *       success or releases it on failure, so that the sender's retry runs them again. It never verifies.</li>
 * </ol>
 *
 * <p>{@link #receive} does both at once, for a delivery handled as it arrives. To answer the sender as soon as
 * the event is stored, {@link #accept} it, store {@link VerifiedEvent#toBytes()}, and {@link #dispatch} it later;
 * events fetched from a provider's authenticated API enter at {@link #dispatch}.
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

    /** The default time a redelivery waits for an earlier delivery of the same event to finish. */
    public static final Duration DEFAULT_DUPLICATE_WAIT = Duration.ofSeconds(5);

    /** The default time the handlers of one delivery may run before their claim is released. */
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofSeconds(30);

    /** How much longer than the handler budget a claim's lease lasts, for stores shared by instances. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    private final String name;
    private final Provider provider;
    private final Acceptor acceptor;
    private final Dispatcher dispatcher;

    private WebhookEndpoint(String name, Provider provider, Acceptor acceptor, Dispatcher dispatcher) {
        this.name = name;
        this.provider = provider;
        this.acceptor = acceptor;
        this.dispatcher = dispatcher;
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
        return receive(delivery, clock().instant());
    }

    /**
     * Handles a delivery received at {@code receivedAt}: accepts it, then dispatches it at once. Signatures and
     * event times are judged as of {@code receivedAt}.
     *
     * @param delivery the headers and raw body
     * @param receivedAt when the delivery arrived
     * @return the outcome, also told to the outcome observers; never null, and no exception escapes for anything
     *     the sender controls or a handler throws, but the JVM's own {@link VirtualMachineError}s
     */
    public Outcome receive(Delivery delivery, Instant receivedAt) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(receivedAt, "receivedAt");
        long start = System.nanoTime();
        Acceptance acceptance = acceptor.accept(delivery, receivedAt, start, dispatcher.dataTypes());
        Outcome outcome = acceptance instanceof Acceptance.Verified verified
                ? dispatcher.dispatch(verified.event(), verified.envelope(), 1, start)
                : ((Acceptance.Rejected) acceptance).outcome();
        dispatcher.tell(outcome);
        return outcome;
    }

    /**
     * The accept stage alone: verifies and reads a delivery without running any handler or recording anything.
     * A rejection is not told to the outcome observers (the caller answers with it).
     *
     * @param delivery the headers and raw body
     * @param receivedAt when the delivery arrived
     * @return the verified event, or the rejection
     */
    public Acceptance accept(Delivery delivery, Instant receivedAt) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(receivedAt, "receivedAt");
        return acceptor.accept(delivery, receivedAt);
    }

    /**
     * The dispatch stage alone, for an event accepted earlier or fetched from the provider's API: deduplicates it
     * and runs its handlers, without verifying anything.
     *
     * @param event the event
     * @param attempt 1 for its first dispatch, more for later ones
     * @return the outcome, also told to the outcome observers
     * @throws IllegalArgumentException if the event belongs to another endpoint or provider
     */
    public Outcome dispatch(VerifiedEvent event, int attempt) {
        return dispatcher.dispatch(event, attempt);
    }

    /** The accept stage. */
    public Acceptor acceptor() {
        return acceptor;
    }

    /** The dispatch stage. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The endpoint's name, used in outcomes, metrics and deduplication keys. */
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
        return acceptor.verifier().clock();
    }

    /** The provider this endpoint receives from. */
    public Provider provider() {
        return provider;
    }

    /** Never shows secrets. */
    @Override
    public String toString() {
        return "WebhookEndpoint[" + name + ", provider=" + provider.name() + ", " + dispatcher.handlerCount()
                + " handler(s), " + dispatcher + "]";
    }

    /** Configures a {@link WebhookEndpoint}; not thread-safe. {@link #build()} checks everything. */
    public static final class Builder {
        private final Provider provider;
        private final SignatureVerifier.Builder verifier;
        private final Router.Builder router;
        private final List<OutcomeObserver> observers = new ArrayList<>();
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
         * Adds an observer told of every outcome, for metrics or logging.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder outcomeObserver(OutcomeObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
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
         * Accepts event type names the provider's catalogue does not document, in {@link #on(String, EventHandler)}
         * and listener methods: for types newer than Hookline's catalogue. Without it such a name fails the build
         * with the closest documented names, as it is most likely a typo.
         *
         * @return this builder
         */
        public Builder allowUndocumentedTypes() {
            router.allowUndocumentedTypes();
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
            Acceptor acceptor = new Acceptor(endpointName, provider, builtVerifier, maxEventAge(), mapper);
            Dispatcher dispatcher = new Dispatcher(endpointName, provider, router.build(), store, duplicateWait,
                    handlerTimeout, mapper, observers);
            return new WebhookEndpoint(endpointName, provider, acceptor, dispatcher);
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
