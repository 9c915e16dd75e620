package dev.hookline.event;

import dev.hookline.delivery.Headers;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One verified event as handlers see it: its id, type and time, how it arrived ({@link #receipt()}), and its
 * {@code data}, as a JSON tree or bound to a typed record on request.
 *
 * <p>Binding happens at most once per requested type, when a handler first asks for it; every handler asking for
 * the same type gets the same instance. Thread-safe. {@link #toString()} shows the provider, type and id, never
 * the data.
 */
public final class WebhookEvent {

    /** Bound values by requested type; a failed binding is remembered as {@link #UNBINDABLE}. */
    private static final Object UNBINDABLE = new Object();

    private final VerifiedEvent verified;
    private final int attempt;
    private final JsonNode data;
    private final String baseType;
    private final ObjectMapper mapper;
    private final ConcurrentHashMap<Type, Object> bound = new ConcurrentHashMap<>(4);

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
        this.data = envelope.data();
        this.baseType = envelope.baseType();
        this.attempt = attempt;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
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
        return baseType;
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

    /** The event's data as a JSON tree; a missing node if the envelope has none. */
    public JsonNode data() {
        return data;
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
     * The data bound to {@code dataType}; {@code JsonNode} returns the tree itself.
     *
     * @param dataType the type to bind to
     * @param <T> the data type
     * @return the bound data, the same instance on every call for the same type
     * @throws MalformedPayloadException with {@link PayloadFailure#INVALID_EVENT_DATA} if the data is
     *     absent or does not bind
     */
    public <T> T dataAs(Class<T> dataType) {
        if (dataType.isInstance(data)) {
            return dataType.cast(data);
        }
        return dataType.cast(bind(dataType, () -> mapper.constructType(dataType)));
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
            return data;
        }
        // a plain class is the same request however it is asked for
        Type key = dataType.hasGenericTypes() ? dataType : dataType.getRawClass();
        return bind(key, () -> dataType);
    }

    private Object bind(Type key, Supplier<JavaType> type) {
        Object value = bound.get(key);
        if (value == null) {
            // computeIfAbsent: two handlers asking at once bind once, and the lock covers this key alone
            value = bound.computeIfAbsent(key, k -> convert(type.get()));
        }
        if (value == UNBINDABLE) {
            throw new MalformedPayloadException(PayloadFailure.INVALID_EVENT_DATA);
        }
        return value;
    }

    private Object convert(JavaType type) {
        if (data.isMissingNode() || data.isNull()) {
            return UNBINDABLE;
        }
        try {
            Object value = mapper.treeToValue(data, type);
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
