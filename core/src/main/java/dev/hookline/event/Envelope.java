package dev.hookline.event;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * What an {@link EnvelopeFormat} reads from one verified body: the event's id, type and time, and its data.
 *
 * <p>A format built in code gives the data as a JSON tree. {@link JsonEnvelope} instead notes where the data lies
 * in the body and builds nothing: the data is bound straight from those bytes to the type a handler asks for, and
 * a tree is made only when something asks for one ({@link #data()}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the type and id only.
 */
public final class Envelope {

    private final String id;
    private final String type;
    private final Instant time;
    private final String baseType;
    /** The body the data lies in, or null when the data was given as a tree. */
    private final byte[] body;
    private final int dataStart;
    private final int dataEnd;
    private final ObjectMapper mapper;
    /** The data as a tree: given, or made from the body on first request. */
    private volatile JsonNode tree;
    /** A type the data was bound to while the body was read, and its value; null for none. */
    private final Type boundKey;
    private final Object boundValue;

    /**
     * An envelope with its data as a tree.
     *
     * @param id the event id, the deduplication key
     * @param type the event type's name
     * @param time when the sender says the event happened, or {@code null} if the envelope does not say
     * @param data the event's data as a JSON tree; {@code null} or a missing node if the envelope has none
     * @param baseType a more general name the event is also routed under, such as {@code pull_request} for
     *     {@code pull_request.opened}; {@code null} for none
     */
    public Envelope(String id, String type, Instant time, JsonNode data, String baseType) {
        this(id, type, time, baseType, null, 0, 0, null, data == null ? MissingNode.getInstance() : data, null, null);
    }

    /**
     * An envelope routed under its type alone, with its data as a tree.
     *
     * @param id the event id
     * @param type the event type's name
     * @param time when the event happened, or {@code null}
     * @param data the event's data; {@code null} or a missing node if the envelope has none
     */
    public Envelope(String id, String type, Instant time, JsonNode data) {
        this(id, type, time, data, null);
    }

    private Envelope(String id, String type, Instant time, String baseType, byte[] body, int dataStart, int dataEnd,
                     ObjectMapper mapper, JsonNode tree, Type boundKey, Object boundValue) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.time = time;
        this.baseType = type.equals(baseType) ? null : baseType;
        this.body = body;
        this.dataStart = dataStart;
        this.dataEnd = dataEnd;
        this.mapper = mapper;
        this.tree = tree;
        this.boundKey = boundKey;
        this.boundValue = boundValue;
    }

    /**
     * An envelope whose data is the JSON value at {@code body[dataStart, dataEnd)}, already checked to be
     * well-formed, parsed with {@code mapper} when asked for.
     *
     * @param boundKey a type the data was bound to while the body was read, or null
     * @param boundValue its value
     */
    static Envelope located(String id, String type, Instant time, String baseType, byte[] body, int dataStart,
                            int dataEnd, ObjectMapper mapper, Type boundKey, Object boundValue) {
        return new Envelope(id, type, time, baseType, body, dataStart, dataEnd, mapper, null, boundKey, boundValue);
    }

    /** The type the data was bound to while the body was read, or null. */
    Type boundKey() {
        return boundKey;
    }

    /** The value bound to {@link #boundKey()}. */
    Object boundValue() {
        return boundValue;
    }

    /**
     * The event id the envelope gives, the deduplication key.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The event type's name the envelope gives.
     *
     * @return the name
     */
    public String type() {
        return type;
    }

    /**
     * When the sender says the event happened.
     *
     * @return the time, or {@code null} if the envelope does not say
     */
    public Instant time() {
        return time;
    }

    /**
     * A more general name the event is also routed under, such as {@code pull_request} for
     * {@code pull_request.opened}.
     *
     * @return the base type, or {@code null} for none
     */
    public String baseType() {
        return baseType;
    }

    /**
     * The event's data as a JSON tree, made from the body on the first call when the format located it there.
     *
     * @return the tree; a missing node if the envelope has none
     */
    public JsonNode data() {
        JsonNode data = tree;
        if (data == null) {
            // two threads may both parse: the trees are equal and either may be kept
            data = mapper.readTree(body, dataStart, dataEnd - dataStart);
            tree = data;
        }
        return data;
    }

    /** Whether there is no data, or it is JSON {@code null}: nothing a type binds from. */
    boolean hasNoData() {
        // data located in the body is always an object or an array
        return body == null && (tree.isMissingNode() || tree.isNull());
    }

    /**
     * Binds the data to {@code type}: straight from the body's bytes when the data lies there.
     *
     * @throws JacksonException if it does not bind
     */
    Object bind(DataReaders readers, Type key, JavaType type) {
        return body == null ? readers.reader(key, type).readValue(tree)
                : readers.read(key, type, body, dataStart, dataEnd);
    }

    /**
     * The string in the data's top-level field {@code name}; null if the data is not an object, or the field is
     * absent or not a string. Read from the bytes without a tree when the data lies in the body; the last of
     * repeated fields counts, as in a tree.
     */
    String dataString(String name) {
        if (body == null || tree != null) {
            JsonNode field = data().get(name);
            return field != null && field.isString() ? field.stringValue() : null;
        }
        try (JsonParser parser = mapper.createParser(body, dataStart, dataEnd - dataStart)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String value = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean wanted = name.equals(parser.currentName());
                JsonToken token = parser.nextToken();
                if (wanted) {
                    value = token == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return value;
        } catch (JacksonException e) {
            // the bytes were checked when the envelope was read: this does not happen
            return null;
        }
    }

    @Override
    public String toString() {
        return "Envelope[type=" + type + ", id=" + id + "]";
    }
}
