package dev.hookline.event;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One verified event: its id, type and time from the envelope, and its {@code data} as a JSON tree that
 * binds to a typed record on first request.
 *
 * <p>Binding happens at most once per requested type, when a handler first asks for it. Thread-safe.
 * {@link #toString()} shows the provider, type and id, never the data.
 */
public final class WebhookEvent {

    private final String provider;
    private final String id;
    private final String type;
    private final Instant createdAt;
    private final JsonNode envelope;
    private final JsonNode data;
    private final ObjectMapper mapper;

    /** The last type bound and its value; guarded by this. */
    private Class<?> boundType;
    private Object boundValue;

    /**
     * An event, as an {@link EnvelopeFormat} produces it.
     *
     * @param provider the provider's name, such as {@code exa}
     * @param id the event id: the deduplication key
     * @param type the event type's name
     * @param createdAt when the sender says the event happened, or {@code null} if unknown
     * @param envelope the whole parsed body
     * @param data the event's data, or {@code null} if it has none
     * @param mapper the mapper that binds {@code data}
     */
    public WebhookEvent(String provider, String id, String type, Instant createdAt,
                        JsonNode envelope, JsonNode data, ObjectMapper mapper) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.createdAt = createdAt;
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.data = data == null ? MissingNode.getInstance() : data;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The provider's name, such as {@code exa}. */
    public String provider() {
        return provider;
    }

    /** The event id, unique per event and the same across redeliveries: the idempotency key. */
    public String id() {
        return id;
    }

    /** The event type's name, such as {@code webset.item.created}. */
    public String type() {
        return type;
    }

    /** When the sender says the event happened, or {@code null} if the envelope does not say. */
    public Instant createdAt() {
        return createdAt;
    }

    /** The whole parsed body. */
    public JsonNode envelope() {
        return envelope;
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
    public synchronized <T> T dataAs(Class<T> dataType) {
        if (dataType.isInstance(data)) {
            return dataType.cast(data);
        }
        if (dataType == boundType) {
            return dataType.cast(boundValue);
        }
        if (data.isMissingNode() || data.isNull()) {
            throw new MalformedPayloadException(PayloadFailure.INVALID_EVENT_DATA);
        }
        T value;
        try {
            value = mapper.treeToValue(data, dataType);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedPayloadException(PayloadFailure.INVALID_EVENT_DATA);
        }
        boundType = dataType;
        boundValue = value;
        return value;
    }

    @Override
    public String toString() {
        return "WebhookEvent[provider=" + provider + ", type=" + type + ", id=" + id + "]";
    }
}
