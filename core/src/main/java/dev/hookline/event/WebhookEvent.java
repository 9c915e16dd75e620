package dev.hookline.event;

import dev.hookline.delivery.Headers;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One verified event as handlers see it: its id, type and time, how it arrived ({@link #receipt()}), and its
 * {@code data}, as a JSON tree or bound to a typed record on request.
 *
 * <p>Binding happens at most once per requested type, when a handler first asks for it, straight from the body's
 * bytes when the envelope located the data there; every handler asking for the same type gets the same instance.
 * The JSON tree is made only if something asks for it. Thread-safe. {@link #toString()} shows the provider, type
 * and id, never the data.
 */
public final class WebhookEvent {

    /** Bound values by requested type; a failed binding is remembered as {@link #UNBINDABLE}. */
    private static final Object UNBINDABLE = new Object();

    private final VerifiedEvent verified;
    private final int attempt;
    private final Envelope envelope;
    private final DataReaders readers;
    /** The first type bound and its value (most events bind one), then any others; guarded by {@code this}. */
    private Type firstKey;
    private Object firstValue;
    private Map<Type, Object> moreBound;

    /**
     * The handlers' view of a verified event.
     *
     * @param verified the event
     * @param attempt 1 for a delivery handled as it arrived, more when a stored event is dispatched again
     * @param data the event's data, as the provider's envelope reads it from the body
     * @param mapper the mapper that binds {@code data}
     */
    public WebhookEvent(VerifiedEvent verified, int attempt, JsonNode data, ObjectMapper mapper) {
        this(verified, attempt, new Envelope(verified.id(), verified.type(), verified.time(), data), mapper);
    }

    /**
     * The handlers' view of a verified event, as its envelope reads it.
     *
     * @param verified the event
     * @param attempt 1 for a delivery handled as it arrived, more when a stored event is dispatched again
     * @param envelope what the provider's envelope reads from the body: the data and any base type
     * @param mapper the mapper that binds {@code data}
     */
    public WebhookEvent(VerifiedEvent verified, int attempt, Envelope envelope, ObjectMapper mapper) {
        this.verified = Objects.requireNonNull(verified, "verified");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.attempt = attempt;
        this.readers = DataReaders.of(Objects.requireNonNull(mapper, "mapper"));
        synchronized (this) {
            this.firstKey = envelope.boundKey();
            this.firstValue = envelope.boundValue();
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }
    /** The provider's name, such as {@code exa}. */
    public String provider() {
        return verified.provider();
    }

    /** The event id, unique per event and the same across redeliveries: the idempotency key. */
    public String id() {
        return verified.id();
    }

    /** The event type's name, such as {@code webset.item.created}. */
    public String type() {
        return verified.type();
    }

    /**
     * A more general name the event is also routed under, such as {@code pull_request} for GitHub's
     * {@code pull_request.opened}: handlers of either name receive it.
     *
     * @return the base type, or {@code null} for none
     */
    public String baseType() {
        return envelope.baseType();
    }

    /** When the sender says the event happened, or {@code null} if the envelope does not say. */
    public Instant createdAt() {
        return verified.time();
    }

    /** Through which endpoint, when and on which attempt the event reached its handlers. */
    public Receipt receipt() {
        return new Receipt(verified.endpoint(), verified.receivedAt(), attempt);
    }

    /** The headers the provider's envelope reads (not every header of the delivery). */
    public Headers headers() {
        return verified.headers();
    }

    /** The event as it can be stored and dispatched again. */
    public VerifiedEvent verified() {
        return verified;
    }

    /**
     * The event's data as a JSON tree, made on the first call when the data is otherwise bound straight from the
     * body's bytes.
     *
     * @return the tree; a missing node if the envelope has none
     */
    public JsonNode data() {
        return envelope.data();
    }

    /** The string in the data's top-level field {@code name}, read without a tree; null if absent or not one. */
    String dataString(String name) {
        return envelope.dataString(name);
    }

    /**
     * The data bound to a key's type.
     *
     * @param eventType the key
     * @param <T> the data type
     * @return the bound data
     * @throws MalformedPayloadException with {@link PayloadFailure#INVALID_EVENT_DATA} if it does not bind
     */
    public <T> T data(EventType<T> eventType) {
        return dataAs(eventType.dataType());
    }

    /**
     * The data bound to {@code dataType}; {@code JsonNode} (or a supertype of it) returns the tree itself.
     *
     * @param dataType the type to bind to
     * @param <T> the data type
     * @return the bound data, the same instance on every call for the same type
     * @throws MalformedPayloadException with {@link PayloadFailure#INVALID_EVENT_DATA} if the data is
     *     absent or does not bind
     */
    public <T> T dataAs(Class<T> dataType) {
        if (dataType.isAssignableFrom(JsonNode.class) || JsonNode.class.isAssignableFrom(dataType)) {
            JsonNode tree = envelope.data();
            if (dataType.isInstance(tree)) {
                return dataType.cast(tree);
            }
        }
        return dataType.cast(bind(dataType, null));
    }

    /**
     * The data bound to a generic type, such as {@code List<WebsetItem>}, given as a {@link JavaType} made once
     * (by {@code mapper.constructType(...)}).
     *
     * @param dataType the type to bind to
     * @return the bound data, the same instance on every call for the same type
     * @throws MalformedPayloadException with {@link PayloadFailure#INVALID_EVENT_DATA} if the data is
     *     absent or does not bind
     */
    public Object dataAs(JavaType dataType) {
        if (dataType.getRawClass() == JsonNode.class) {
            return envelope.data();
        }
        // a plain class is the same request however it is asked for
        return bind(DataReaders.key(dataType), dataType);
    }

    /**
     * The value bound for {@code key}, binding it on the first request. Under this event's lock: handlers of one
     * event run one after another, so it is never contended in practice, and two threads asking at once bind once.
     */
    private synchronized Object bind(Type key, JavaType type) {
        Object value = key.equals(firstKey) ? firstValue : moreBound == null ? null : moreBound.get(key);
        if (value == null) {
            value = convert(key, type);
            if (firstKey == null) {
                firstKey = key;
                firstValue = value;
            } else {
                if (moreBound == null) {
                    moreBound = new HashMap<>(4);
                }
                moreBound.put(key, value);
            }
        }
        if (value == UNBINDABLE) {
            throw new MalformedPayloadException(PayloadFailure.INVALID_EVENT_DATA);
        }
        return value;
    }

    private Object convert(Type key, JavaType type) {
        if (envelope.hasNoData()) {
            return UNBINDABLE;
        }
        try {
            Object value = envelope.bind(readers, key, type);
            return value == null ? UNBINDABLE : value;
        } catch (JacksonException | IllegalArgumentException e) {
            // the parser's message may quote the payload: keep only the reason
            return UNBINDABLE;
        }
    }

    @Override
    public String toString() {
        return "WebhookEvent[provider=" + provider() + ", type=" + type() + ", id=" + id() + "]";
    }
}
