package dev.hookline.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads {@link Instant}s as Jackson does, but takes the form providers send ({@code uuuu-MM-ddTHH:mm:ss[.f]Z})
 * without a {@code DateTimeFormatter}, whose parse took about a third of the time spent binding an Exa item.
 *
 * <p>Every other value (an offset, a number, an empty string, an invalid date) goes to Jackson's own
 * deserializer, so it is read or refused exactly as before. So does every property whose format is set by
 * {@code @JsonFormat} or a config override: it gets Jackson's deserializer for that format instead of this one.
 */
final class UtcInstantDeserializer extends ValueDeserializer<Instant> {

    static final UtcInstantDeserializer INSTANCE = new UtcInstantDeserializer();

    private static final ValueDeserializer<Instant> GENERAL = InstantDeserializer.INSTANT;

    private UtcInstantDeserializer() {
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            Instant instant = JsonEnvelope.utcInstant(parser.getString());
            if (instant != null) {
                return context.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)
                        ? instant.truncatedTo(ChronoUnit.MILLIS)
                        : instant;
            }
        }
        return GENERAL.deserialize(parser, context);
    }

    /** This reader where the property's format is Jackson's default; Jackson's, set up for it, elsewhere. */
    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
        ValueDeserializer<?> general = GENERAL.createContextual(context, property);
        return general == GENERAL ? this : general;
    }

    @Override
    public Class<?> handledType() {
        return Instant.class;
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.DateTime;
    }
}
