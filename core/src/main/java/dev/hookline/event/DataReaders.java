package dev.hookline.event;

import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * The readers one mapper binds event data with, one per requested type, made on its first use and kept: making a
 * reader looks up its deserializer, work that need not be repeated for every event.
 */
final class DataReaders {

    private static final DataReaders DEFAULT = new DataReaders(EventJson.mapper());

    /** The readers of the last other mapper asked for: endpoints share one mapper, if not the default. */
    private static volatile DataReaders other;

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Type, ObjectReader> inPlaceReaders = new ConcurrentHashMap<>();

    private DataReaders(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The readers of {@code mapper}. */
    static DataReaders of(ObjectMapper mapper) {
        if (mapper == DEFAULT.mapper) {
            return DEFAULT;
        }
        DataReaders last = other;
        if (last == null || last.mapper != mapper) {
            // several mappers in turn each start afresh: slower, never wrong
            last = new DataReaders(mapper);
            other = last;
        }
        return last;
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
    ObjectReader inPlaceReader(Type key, JavaType type) {
        ObjectReader reader = inPlaceReaders.get(key);
        if (reader == null) {
            reader = inPlaceReaders.computeIfAbsent(key,
                    k -> reader(k, type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        }
        return reader;
    }
}
