package dev.hookline.event;

import java.time.Instant;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The JSON settings Hookline binds events with. */
public final class EventJson {

    /** Deeper documents than this are malformed: no provider nests anywhere near it. */
    static final int MAX_NESTING_DEPTH = 256;

    private static final JsonMapper MAPPER = configure(JsonMapper.builder(
                    JsonFactory.builder()
                            .streamReadConstraints(StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_NESTING_DEPTH)
                                    .build())
                            .build()))
            .build();

    /**
     * The default mapper, but for strings of long bodies, read straight from the body's bytes when bound through a
     * reader of {@link BodyStringDeserializer#reading}: the same values, without Jackson's copies.
     */
    private static final JsonMapper LONG_BODY_MAPPER = MAPPER.rebuild()
            .addModule(new SimpleModule("hookline-body-strings")
                    .addDeserializer(String.class, BodyStringDeserializer.INSTANCE))
            .build();

    private EventJson() {
    }

    /**
     * The shared default mapper: lenient where providers evolve (unknown fields ignored, unknown enum
     * values read as each enum's {@code UNKNOWN} constant, enum names matched case-insensitively) and
     * strict where a sender could abuse it (bounded nesting, no trailing content).
     *
     * @return the mapper; immutable and thread-safe
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The default mapper's twin for long bodies: see {@link BodyStringDeserializer}. */
    static JsonMapper longBodyMapper() {
        return LONG_BODY_MAPPER;
    }

    /**
     * Applies Hookline's settings to a builder, for applications that want their own mapper with the
     * same behaviour (extra modules, say). Event times in the form providers send ({@code …Z}) are read
     * without a {@code DateTimeFormatter}, to the same {@link Instant}; modules added after this call can still
     * replace that reader. Values made through a constructor with arguments, such as records, are made through a
     * method handle prepared once per type, where Jackson prepares one per value; the values are the same.
     *
     * @param builder a mapper builder
     * @return the same builder
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .addModule(new SimpleModule("hookline-event-times")
                        .addDeserializer(Instant.class, UtcInstantDeserializer.INSTANCE))
                .addModule(new SimpleModule("hookline-constructors") {
                    @Override
                    public void setupModule(SetupContext context) {
                        super.setupModule(context);
                        context.addValueInstantiators(ConstructorInstantiator.INSTANTIATORS);
                    }
                });
    }
}
