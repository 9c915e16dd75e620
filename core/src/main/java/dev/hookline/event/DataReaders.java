package dev.hookline.event;

import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationContextExt;

/**
 * The readers one mapper binds event data with, one per requested type, made on its first use and kept: making a
 * reader looks up its deserializer, work that need not be repeated for every event.
 */
final class DataReaders {

    private static final DataReaders DEFAULT =
            new DataReaders(EventJson.mapper(), new DataReaders(EventJson.longBodyMapper(), null));

    /** The readers of the last other mapper asked for: endpoints share one mapper, if not the default. */
    private static volatile DataReaders other;

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Type, ObjectReader> inPlaceReaders = new ConcurrentHashMap<>();
    /** The deserializers of values bound in the middle of a document, with the document's own context. */
    private final ConcurrentHashMap<Type, ValueDeserializer<Object>> inPlaceDeserializers = new ConcurrentHashMap<>();
    /**
     * The readers that bind data of {@link BodyStringDeserializer#MIN_BODY} bytes or more, their strings read from
     * the bytes; null to bind them with these. Only the default mapper has them: another mapper's own string
     * deserializer, if it has one, must not be replaced.
     */
    private final DataReaders longBodies;

    private DataReaders(ObjectMapper mapper, DataReaders longBodies) {
        this.mapper = mapper;
        this.longBodies = longBodies;
    }

    /** The readers of {@code mapper}. */
    static DataReaders of(ObjectMapper mapper) {
        if (mapper == DEFAULT.mapper) {
            return DEFAULT;
        }
        DataReaders last = other;
        if (last == null || last.mapper != mapper) {
            // several mappers in turn each start afresh: slower, never wrong
            last = new DataReaders(mapper, null);
            other = last;
        }
        return last;
    }

    /**
     * Binds the JSON value at {@code body[start, end)}.
     *
     * @param key the type's key, by {@link #key}
     * @param type the type
     * @throws tools.jackson.core.JacksonException if it does not bind
     */
    Object read(Type key, JavaType type, byte[] body, int start, int end) {
        if (longBodies == null || end - start < BodyStringDeserializer.MIN_BODY) {
            return reader(key, type).readValue(body, start, end - start);
        }
        ObjectReader reader = longBodies.reader(key, type);
        // the range holds exactly one value, so reading it from a parser of the range leaves nothing after it
        try (JsonParser parser = reader.createParser(body, start, end - start)) {
            return BodyStringDeserializer.reading(reader, parser, body, start).readValue(parser);
        }
    }

    /**
     * Binds the object or array at the parser's current token, leaving the parser on the value's last token: what
     * follows is the rest of the document, not trailing content. The value is read in the parser's own
     * deserialization context, as a reader would read the whole document, rather than a new one per value.
     *
     * @param parser a parser over the whole of {@code body}, made by this mapper's
     *     {@link ObjectMapper#createParser(byte[])}
     * @throws tools.jackson.core.JacksonException if it does not bind
     */
    Object readInPlace(Type key, JavaType type, JsonParser parser, byte[] body) {
        if (longBodies != null && body.length >= BodyStringDeserializer.MIN_BODY) {
            return BodyStringDeserializer.reading(longBodies.inPlaceReader(key, type), parser, body, 0)
                    .readValue(parser);
        }
        DeserializationContextExt context = (DeserializationContextExt) parser.objectReadContext();
        ValueDeserializer<Object> deserializer = inPlaceDeserializers.get(key);
        if (deserializer == null) {
            deserializer = inPlaceDeserializers.computeIfAbsent(key, k -> context.findRootValueDeserializer(type));
        }
        Object value = context.readRootValue(parser, type, deserializer, null);
        context.checkUnresolvedObjectId();
        return value;
    }

    /** The key a type is bound under: the class alone when it has no type parameters. */
    static Type key(JavaType type) {
        return type.hasGenericTypes() ? type : type.getRawClass();
    }

    /**
     * The reader for {@code key}: a class, or a generic {@link JavaType}.
     *
     * @param type the key as a {@link JavaType} if the caller has one, else null
     */
    ObjectReader reader(Type key, JavaType type) {
        ObjectReader reader = readers.get(key);
        if (reader == null) {
            reader = readers.computeIfAbsent(key, k -> mapper.readerFor(type != null ? type : mapper.constructType(k)));
        }
        return reader;
    }

    /**
     * The reader for {@code key} that binds one value in the middle of a document, the parser on its first token:
     * what follows the value is the rest of the document, not trailing content.
     */
    private ObjectReader inPlaceReader(Type key, JavaType type) {
        ObjectReader reader = inPlaceReaders.get(key);
        if (reader == null) {
            reader = inPlaceReaders.computeIfAbsent(key,
                    k -> reader(k, type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        }
        return reader;
    }
}
