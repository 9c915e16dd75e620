package dev.hookline.test;

import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.event.Envelope;
import dev.hookline.event.EventJson;
import dev.hookline.event.EventType;
import dev.hookline.event.MalformedPayloadException;
import dev.hookline.signature.Secrets;
import dev.hookline.signature.SignatureScheme;
import dev.hookline.signature.SignatureVerifier;
import dev.hookline.signature.WebhookSigner;
import dev.hookline.stripe.StripeData;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delivery signed the way a provider signs it, to test an application's handlers with: the headers and exact
 * body bytes a sender would post, and the id and type of the event it carries.
 *
 * <pre>{@code
 * SignedDelivery delivery = SignedDelivery.builder(Providers.exa(), secret)
 *         .sample(ExaEvents.Names.WEBSET_ITEM_CREATED)        // or event(type, record), or json(...)
 *         .build();
 * assertAccepted(delivery.sendTo(endpoint));                  // straight to a WebhookEndpoint
 * assertAcknowledged(delivery.postTo(URI.create(url)));       // or over HTTP to a running server
 * }</pre>
 *
 * <p>The same delivery can be sent again, as a provider's retry would be. Immutable and thread-safe;
 * {@link #toString()} never shows the body or a signature.
 */
public final class SignedDelivery {

    private final Provider provider;
    private final Map<String, String> httpHeaders;
    private final Headers headers;
    private final byte[] body;
    private final String eventId;
    private final String type;

    private SignedDelivery(Provider provider, Map<String, String> httpHeaders, byte[] body, Envelope signed) {
        this.provider = provider;
        this.httpHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(httpHeaders));
        this.headers = Headers.of(httpHeaders);
        this.body = body;
        this.eventId = signed == null ? null : signed.id();
        this.type = signed == null ? null : signed.type();
    }

    /**
     * A builder of deliveries from {@code provider}, signed with {@code secret}.
     *
     * <p>For the built-in providers of {@link Providers} the builder makes the provider's envelope around an
     * event's data; for any other provider it signs a body given whole ({@link Builder#json(String)},
     * {@link Builder#body(byte[])}).
     *
     * @param provider the sender to imitate, such as {@link Providers#exa()}
     * @param secret the secret the endpoint under test is configured with, in the provider's form
     * @return the builder
     * @throws IllegalArgumentException if the secret cannot sign for the provider's scheme (the message never
     *     holds it)
     */
    public static Builder builder(Provider provider, String secret) {
        return new Builder(provider, secret);
    }

    /**
     * The delivery as an endpoint receives it.
     *
     * @return the headers and a copy of the body
     */
    public Delivery delivery() {
        return Delivery.of(headers, body.clone());
    }

    /**
     * The headers, as an endpoint reads them.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The headers as a sender writes them, one value each, in order: {@code Content-Type}, the provider's own
     * headers, the signature headers, then any added with {@link Builder#header(String, String)}. For sending
     * with an HTTP client of one's own.
     *
     * @return header names, in the sender's case, to values; unmodifiable
     */
    public Map<String, String> httpHeaders() {
        return httpHeaders;
    }

    /**
     * The body exactly as sent: after tampering, if the builder asked for it.
     *
     * @return a copy of the bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The id the endpoint knows the event by, read from the delivery as signed by the provider's envelope: the
     * envelope's {@code id} (Exa, Stripe), the SHA-256 of the body (Encrata), the {@code webhook-id},
     * {@code svix-id} or {@code X-GitHub-Delivery} header.
     *
     * @return the event id, or null if the delivery as signed holds none (a raw body that is not an event)
     */
    public String eventId() {
        return eventId;
    }

    /**
     * The event type the endpoint routes by, read as {@link #eventId()} is; for GitHub, qualified by the body's
     * {@code action} ({@code pull_request.opened}).
     *
     * @return the type, or null if the delivery as signed holds none
     */
    public String type() {
        return type;
    }

    /**
     * The provider the delivery imitates.
     *
     * @return the provider
     */
    public Provider provider() {
        return provider;
    }

    /**
     * Hands the delivery to an endpoint, received now by the endpoint's clock.
     *
     * @param endpoint the endpoint under test
     * @return what the endpoint made of it
     */
    public Outcome sendTo(WebhookEndpoint endpoint) {
        return Objects.requireNonNull(endpoint, "endpoint").receive(delivery());
    }

    /**
     * Posts the delivery to a running server with the JDK's {@link HttpClient} (HTTP/1.1, 30-second timeouts).
     *
     * @param url the webhook's address, such as {@code http://localhost:8080/webhooks/exa}
     * @return the status and the problem's reason
     * @throws java.io.UncheckedIOException if the server cannot be reached
     */
    public WebhookResponse postTo(URI url) {
        return postTo(url, HttpPost.defaultClient());
    }

    /**
     * Posts the delivery to a running server with the given client.
     *
     * @param url the webhook's address
     * @param client the client to send with
     * @return the status and the problem's reason
     * @throws java.io.UncheckedIOException if the server cannot be reached
     */
    public WebhookResponse postTo(URI url, HttpClient client) {
        return HttpPost.post(this, Objects.requireNonNull(url, "url"), Objects.requireNonNull(client, "client"));
    }

    /**
     * The provider, type, id and body length; never the body or a signature.
     *
     * @return a description for test reports
     */
    @Override
    public String toString() {
        return "SignedDelivery[" + provider.name() + (type == null ? "" : " " + type)
                + (eventId == null ? "" : ", id=" + eventId) + ", " + body.length + " bytes]";
    }

    /**
     * Builds a {@link SignedDelivery}: first what to send (one of {@link #sample}, {@link #event}, {@link #json},
     * {@link #body}), then what to change. Every {@link #build()} signs a new delivery, with a fresh event id
     * unless one is set. Not thread-safe.
     *
     * <pre>{@code
     * SignedDelivery.builder(Providers.exa(), secret)
     *         .event(ExaEvents.WEBSET_ITEM_CREATED, item)   // data serialized with EventJson's mapper
     *         .eventId("event_test_1")
     *         .stale()                                      // signed ten minutes ago: refused
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private static final SecureRandom RANDOM = new SecureRandom();

        private final Provider provider;
        private final BuiltInProvider builtIn;
        private final String secret;
        private final Map<String, String> extraHeaders = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Content content;
        private String eventId;
        private Instant eventTime;
        private Instant signedAt;
        private Duration staleness;
        private boolean tampered;
        private boolean wrongSecret;

        private Builder(Provider provider, String secret) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.builtIn = BuiltInProvider.of(provider);
            WebhookSigner.of(provider.scheme(), secret);
            this.secret = secret;
        }

        /**
         * Sends the sample payload of an event type (see {@link SamplePayloads}), as a new event: with a fresh
         * id (Exa) and the event time set to the signing time.
         *
         * @param type an Exa or Encrata event type, one of {@link SamplePayloads#types(Provider)}
         * @return this builder
         * @throws IllegalArgumentException if the provider has no sample of that type
         * @throws IllegalStateException if what to send is already given
         */
        public Builder sample(String type) {
            if (SamplePayloads.types(provider).isEmpty()) {
                throw new IllegalArgumentException("There are sample payloads for Exa and Encrata only: give "
                        + provider.name() + "'s data with event(type, data), such as "
                        + "event(type, SamplePayloads.data(Providers.exa(), type))");
            }
            SamplePayloads.resource(provider, type);
            return content(new Content.Sample(type));
        }

        /**
         * Sends an event of the given type and data, wrapped in the provider's envelope: Exa
         * {@code {id, object: "event", type, data, createdAt}}, Encrata {@code {event, data, created_at}}, Standard
         * Webhooks and Svix {@code {type, timestamp, data}}, Stripe {@code {id, object: "event", type, created,
         * data: {object}}} (a {@link StripeData} is the whole {@code data}), GitHub the data as the body, with
         * {@code X-GitHub-Event} the type up to its first dot and the rest the body's {@code action}
         * ({@code pull_request.opened}).
         *
         * @param type the event type
         * @param data a record or any object, serialized with {@link EventJson#mapper()}, or a {@link JsonNode}
         * @return this builder
         * @throws IllegalStateException if the provider is not built in, or what to send is already given
         */
        public Builder event(String type, Object data) {
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("An event type is required");
            }
            Objects.requireNonNull(data, "data");
            if (builtIn == null) {
                throw new IllegalStateException("The kit makes the envelopes of the built-in providers only: give "
                        + provider.name() + "'s whole body with json(...) or body(...)");
            }
            JsonNode tree = data instanceof JsonNode node ? node.deepCopy() : EventJson.mapper().valueToTree(data);
            if (builtIn == BuiltInProvider.STRIPE && !(data instanceof StripeData<?>)) {
                ObjectNode wrapped = BuiltInProvider.object();
                wrapped.set("object", tree);
                tree = wrapped;
            }
            return content(new Content.Event(type, tree));
        }

        /**
         * Sends an event of a catalogue type, such as {@code ExaEvents.WEBSET_ITEM_CREATED}, with its data; see
         * {@link #event(String, Object)}.
         *
         * @param type the event type
         * @param data the data, of the type the event binds to
         * @param <T> the data type
         * @return this builder
         */
        public <T> Builder event(EventType<T> type, T data) {
            return event(Objects.requireNonNull(type, "type").name(), data);
        }

        /**
         * Sends a body exactly as given, UTF-8 encoded, signed as it is. The id and time are then the body's
         * own: {@link #eventId(String)} applies only where the id is a header (Standard Webhooks, Svix, GitHub),
         * and a GitHub body needs its event named with {@code header("X-GitHub-Event", ...)}.
         *
         * @param json the body
         * @return this builder
         * @throws IllegalStateException if what to send is already given
         */
        public Builder json(String json) {
            return body(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Sends bytes exactly as given, signed as they are; see {@link #json(String)}.
         *
         * @param body the body; copied
         * @return this builder
         * @throws IllegalStateException if what to send is already given
         */
        public Builder body(byte[] body) {
            return content(new Content.Raw(Objects.requireNonNull(body, "body").clone()));
        }

        /**
         * Sets the event id instead of a fresh one: the envelope's {@code id} (Exa, Stripe) or the id header
         * (Standard Webhooks, Svix, GitHub). Two deliveries of one id are one event to the endpoint.
         *
         * @param id the event id
         * @return this builder
         * @throws IllegalStateException for Encrata, whose event id is the SHA-256 of the body
         */
        public Builder eventId(String id) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("An event id must not be blank");
            }
            if (builtIn == BuiltInProvider.ENCRATA) {
                throw new IllegalStateException("An Encrata event's id is the SHA-256 of its body and cannot be set;"
                        + " the same body is the same event");
            }
            this.eventId = id;
            return this;
        }

        /**
         * Sets the event's own time in the envelope ({@code createdAt}, {@code created_at}, {@code timestamp},
         * {@code created}); by default it is the signing time.
         *
         * @param time the event time
         * @return this builder
         * @throws IllegalStateException for GitHub, whose deliveries carry no event time
         */
        public Builder eventTime(Instant time) {
            Objects.requireNonNull(time, "time");
            if (builtIn == BuiltInProvider.GITHUB) {
                throw new IllegalStateException("A GitHub delivery carries no event time: its data is the whole body");
            }
            this.eventTime = time;
            return this;
        }

        /**
         * Sets the signing time, and so the signed timestamp of the schemes that sign one; by default it is the
         * builder's clock's instant at {@link #build()}.
         *
         * @param time the signing time
         * @return this builder
         */
        public Builder signedAt(Instant time) {
            this.signedAt = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Makes the delivery too old for an endpoint with the provider's defaults: as {@link #stale(Duration)}
         * with twice the default tolerance (ten minutes) where a timestamp is signed, or a day more than the
         * provider's event-age window (four days, for Encrata) where not.
         *
         * @return this builder
         * @throws IllegalStateException if the provider signs no time and sets no event-age window (GitHub):
         *     nothing tells its old deliveries from new ones
         */
        public Builder stale() {
            if (provider.scheme().signsTimestamp()) {
                return stale(SignatureVerifier.DEFAULT_TOLERANCE.multipliedBy(2));
            }
            requireEventTimeCheck();
            return stale(provider.maxEventAge().plusDays(1));
        }

        /**
         * Makes the delivery {@code age} old: signed that long ago where the scheme signs a timestamp (refused with
         * {@code timestamp_outside_tolerance} past the endpoint's tolerance), else with an event time that long ago
         * (refused with {@code event_time_outside_tolerance} past its event-age window). The event time follows the
         * signing time unless set.
         *
         * @param age how long ago, positive
         * @return this builder
         * @throws IllegalStateException if the scheme signs no timestamp and endpoints check no event time of the
         *     provider's (GitHub), or the provider is not built in
         */
        public Builder stale(Duration age) {
            Objects.requireNonNull(age, "age");
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("A stale delivery's age must be positive, was " + age);
            }
            if (!provider.scheme().signsTimestamp()) {
                requireEventTimeCheck();
            }
            this.staleness = age;
            return this;
        }

        /**
         * Changes the body after signing it, by one bit of one character, as a forger would: the signature no
         * longer matches ({@code no_matching_signature}).
         *
         * @return this builder
         */
        public Builder tampered() {
            this.tampered = true;
            return this;
        }

        /**
         * Signs with a new random secret of the provider's form instead of the builder's: the endpoint finds no
         * matching signature ({@code no_matching_signature}).
         *
         * @return this builder
         */
        public Builder wrongSecret() {
            this.wrongSecret = true;
            return this;
        }

        /**
         * Adds a header, or replaces one the builder makes (names compared in any case).
         *
         * @param name the header name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            extraHeaders.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            extraHeaders.put(name, value);
            return this;
        }

        /**
         * Sets the clock that gives the signing time; use the endpoint's, if it has a fixed one.
         *
         * @param clock the clock; the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Makes the body, signs it, and applies the changes asked for.
         *
         * @return a new delivery
         * @throws IllegalStateException if nothing to send was given, or the changes asked for contradict each
         *     other or cannot apply to a raw body
         */
        public SignedDelivery build() {
            if (content == null) {
                throw new IllegalStateException("Nothing to send: give the body with sample(type), event(type, data),"
                        + " json(...) or body(...)");
            }
            SignatureScheme scheme = provider.scheme();
            Instant now = clock.instant();
            Instant signing = signedAt == null ? now : signedAt;
            Instant time = eventTime;
            if (staleness != null) {
                if (scheme.signsTimestamp()) {
                    if (signedAt != null) {
                        throw new IllegalStateException("stale() sets the signing time: do not also call signedAt(...)");
                    }
                    signing = now.minus(staleness);
                } else {
                    if (eventTime != null) {
                        throw new IllegalStateException("stale() sets the event time: do not also call eventTime(...)");
                    }
                    time = now.minus(staleness);
                }
            }
            if (time == null) {
                time = signing;
            }
            String id = eventId != null ? eventId : builtIn == null ? null : builtIn.newId();

            Map<String, String> sent = new LinkedHashMap<>();
            sent.put("Content-Type", "application/json");
            byte[] signedBody = body(content, id, time, sent);
            if (builtIn == BuiltInProvider.GITHUB) {
                sent.put(BuiltInProvider.GITHUB.idHeader(), id);
            }
            sent.putAll(WebhookSigner.of(scheme, wrongSecret ? otherSecret() : secret, clock)
                    .sign(signedBody, signing, id != null ? id : "msg_" + BuiltInProvider.random()));
            extraHeaders.forEach((name, value) -> {
                sent.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
                sent.put(name, value);
            });
            if (builtIn == BuiltInProvider.GITHUB
                    && sent.keySet().stream().noneMatch(BuiltInProvider.GITHUB_EVENT_HEADER::equalsIgnoreCase)) {
                throw new IllegalStateException("A raw GitHub body needs its event named: "
                        + "header(\"X-GitHub-Event\", \"push\"), say, or use event(type, data)");
            }
            Envelope signed = read(Headers.of(sent), signedBody);
            return new SignedDelivery(provider, sent, tampered ? tamper(signedBody.clone()) : signedBody, signed);
        }

        private Builder content(Content given) {
            if (content != null) {
                throw new IllegalStateException("What to send is already given, by " + content.givenBy()
                        + ": give one of sample, event, json or body");
            }
            this.content = given;
            return this;
        }

        /** The body to sign; adds the headers the provider carries beside it. */
        private byte[] body(Content given, String id, Instant time, Map<String, String> sent) {
            if (given instanceof Content.Raw raw) {
                if (eventTime != null || (staleness != null && !provider.scheme().signsTimestamp())) {
                    throw new IllegalStateException("A raw body is signed as given: put the event time in the body"
                            + " rather than calling eventTime(...) or stale()");
                }
                if (eventId != null && (builtIn == null || builtIn.idHeader() == null)) {
                    throw new IllegalStateException("A raw body is signed as given: put the event id in the body"
                            + " rather than calling eventId(...)");
                }
                return raw.bytes().clone();
            }
            if (given instanceof Content.Sample sample) {
                ObjectNode envelope = (ObjectNode) EventJson.mapper().readTree(SamplePayloads.bytes(provider, sample.type()));
                builtIn.refresh(envelope, id, time);
                return EventJson.mapper().writeValueAsBytes(envelope);
            }
            Content.Event event = (Content.Event) given;
            if (builtIn == BuiltInProvider.GITHUB) {
                return gitHubBody(event, sent);
            }
            return EventJson.mapper().writeValueAsBytes(builtIn.envelope(event.type(), event.data(), id, time));
        }

        /** GitHub's body is the data; the event name goes in a header, its action in the body. */
        private static byte[] gitHubBody(Content.Event event, Map<String, String> sent) {
            String type = event.type();
            int dot = type.indexOf('.');
            JsonNode body = event.data();
            if (dot >= 0) {
                String action = type.substring(dot + 1);
                if (!(body instanceof ObjectNode object)) {
                    throw new IllegalArgumentException("GitHub carries the action of '" + type
                            + "' in the body's 'action' field, so its data must be a JSON object");
                }
                JsonNode given = object.get("action");
                if (given == null) {
                    ObjectNode withAction = BuiltInProvider.object().put("action", action);
                    withAction.setAll(object);
                    body = withAction;
                } else if (!given.isString() || !given.stringValue().equals(action)) {
                    throw new IllegalArgumentException("The data's 'action' does not match the type '" + type + "'");
                }
                type = type.substring(0, dot);
            }
            sent.put(BuiltInProvider.GITHUB_EVENT_HEADER, type);
            return EventJson.mapper().writeValueAsBytes(body);
        }

        /** The event as the provider's envelope reads the signed delivery, or null if it is not one. */
        private Envelope read(Headers headers, byte[] signedBody) {
            try {
                return provider.envelope().read(headers, signedBody, EventJson.mapper());
            } catch (MalformedPayloadException e) {
                return null;
            }
        }

        /** A new secret of a form the scheme takes, other than the builder's. */
        private String otherSecret() {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            List<String> candidates = List.of("whsec_" + Base64.getEncoder().encodeToString(key),
                    "whsec_" + HexFormat.of().formatHex(key));
            for (String candidate : candidates) {
                try {
                    Secrets.key(provider.scheme(), candidate, "the other secret");
                    if (!candidate.equals(secret)) {
                        return candidate;
                    }
                } catch (IllegalArgumentException notThisForm) {
                    // try the next form
                }
            }
            throw new IllegalStateException("No random secret fits " + provider.scheme()
                    + ": build the delivery with SignedDelivery.builder(provider, anotherSecret) instead");
        }

        /**
         * Flips the lowest bit of one letter or digit, from the middle of the body on: still text, but no longer
         * what was signed. An empty body gets a space.
         */
        private static byte[] tamper(byte[] body) {
            if (body.length == 0) {
                return new byte[] {' '};
            }
            int at = body.length / 2;
            for (int i = 0; i < body.length; i++) {
                int candidate = (body.length / 2 + i) % body.length;
                if (body[candidate] > 0 && Character.isLetterOrDigit(body[candidate])) {
                    at = candidate;
                    break;
                }
            }
            body[at] ^= 0x01;
            return body;
        }

        /** For a scheme that signs no time: only an event time the kit writes and endpoints check can be old. */
        private void requireEventTimeCheck() {
            if (provider.maxEventAge() == null) {
                throw new IllegalStateException(provider.name() + " signs no time and endpoints check no event time"
                        + " of its: nothing tells an old delivery from a new one, and deduplication is what stops"
                        + " replays");
            }
            if (builtIn == null) {
                throw new IllegalStateException("The kit cannot write the event time of " + provider.name()
                        + "'s body: put an old time in the body given to json(...) instead");
            }
        }
    }

    /** What the body is made from. */
    private sealed interface Content {

        /** The method that gave it, for messages. */
        String givenBy();

        record Sample(String type) implements Content {
            @Override
            public String givenBy() {
                return "sample(" + type + ")";
            }
        }

        record Event(String type, JsonNode data) implements Content {
            @Override
            public String givenBy() {
                return "event(" + type + ", ...)";
            }
        }

        record Raw(byte[] bytes) implements Content {
            @Override
            public String givenBy() {
                return "json(...) or body(...)";
            }
        }
    }
}
