package dev.hookline;

import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.InMemoryDeduplicator;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.ObjectMapper;

/**
 * One webhook endpoint: turns a delivery into an {@link Outcome}, end to end.
 *
 * <ol>
 *   <li>verifies the signature over the raw body with the endpoint's secrets and tolerance;</li>
 *   <li>only then parses the provider's envelope into a {@link WebhookEvent};</li>
 *   <li>optionally checks the event's own time ({@link Builder#maxEventAge(Duration)});</li>
 *   <li>claims the event id with the {@link Deduplicator}: an event already handled is a duplicate, one being
 *       handled by another delivery is waited for;</li>
 *   <li>runs the matching handlers; completes the claim on success, releases it on failure so that
 *       the sender's retry runs them again.</li>
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

    private final String name;
    private final Provider provider;
    private final SignatureVerifier verifier;
    private final Router router;
    private final Deduplicator deduplicator;
    private final Duration duplicateWait;
    private final Duration maxEventAge;
    private final ObjectMapper mapper;
    private final List<OutcomeListener> listeners;

    private WebhookEndpoint(Builder builder, SignatureVerifier verifier, Router router) {
        this.name = builder.name == null ? builder.provider.name() : builder.name;
        this.provider = builder.provider;
        this.verifier = verifier;
        this.router = router;
        this.deduplicator = builder.deduplicator == null ? InMemoryDeduplicator.create() : builder.deduplicator;
        this.duplicateWait = builder.duplicateWait;
        this.maxEventAge = builder.maxEventAge;
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
            } catch (RuntimeException e) {
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

        Deduplicator.Claim claim;
        try {
            claim = deduplicator.claim(event.id(), duplicateWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(Outcome.Status.FAILED, DeliveryFailure.INTERRUPTED, event, 0, e, start);
        } catch (RuntimeException e) {
            return outcome(Outcome.Status.FAILED, DeliveryFailure.DEDUPLICATION_UNAVAILABLE, event, 0, e, start);
        }
        switch (claim) {
            case COMPLETED:
                return outcome(Outcome.Status.DUPLICATE, null, event, 0, null, start);
            case IN_PROGRESS:
                return outcome(Outcome.Status.FAILED, DeliveryFailure.DELIVERY_IN_PROGRESS, event, 0, null, start);
            case ACQUIRED:
            default:
                return dispatch(event, start);
        }
    }

    /** Runs the handlers of an event whose id this delivery holds, and settles the claim. */
    private Outcome dispatch(WebhookEvent event, long start) {
        boolean handled = false;
        try {
            int handlers = router.dispatch(event);
            handled = true;
            return outcome(Outcome.Status.ACCEPTED, null, event, handlers, null, start);
        } catch (MalformedPayloadException e) {
            return outcome(Outcome.Status.MALFORMED, e.failure(), event, 0, null, start);
        } catch (Exception e) {
            return outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_FAILED, event, 0, e, start);
        } finally {
            settle(event.id(), handled);
        }
    }

    private void settle(String eventId, boolean handled) {
        try {
            if (handled) {
                deduplicator.complete(eventId);
            } else {
                deduplicator.release(eventId);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Deduplicator failed to record an outcome on endpoint " + name, e);
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
        private Duration maxEventAge;
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
            return this;
        }

        /**
         * Accepts signed timestamps however old or new. Replays are then stopped only by deduplication.
         *
         * @return this builder
         */
        public Builder withoutTimestampCheck() {
            verifier.withoutTimestampCheck();
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
         * in either direction, and treats a missing event time as malformed. Off by default. Useful for
         * providers that sign no timestamp (Encrata), but a legitimate redelivery of an old event may
         * then be refused: set it longer than the sender's retry period.
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
            return this;
        }

        /**
         * Where handled event ids are remembered. Default a new {@link InMemoryDeduplicator} with default limits.
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
         * @throws IllegalArgumentException if no secret was given or one is invalid, or a listener method
         *     cannot be served (the message names the method)
         */
        public WebhookEndpoint build() {
            String endpointName = name == null ? provider.name() : name;
            for (Object listener : listenerObjects) {
                router.listener(listener, endpointName);
            }
            listenerObjects.clear(); // now held by the router builder: a second build() must not add them again
            return new WebhookEndpoint(this, verifier.build(), router.build());
        }
    }
}
