package dev.hookline.event;

import dev.hookline.delivery.Headers;
import java.lang.reflect.Type;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * An envelope that is one JSON object, with the event's id, type, time and data in top-level fields
 * (or the id and type in headers). Configured with {@link #builder()}, which starts from {@code id}, {@code type}
 * and {@code data}:
 *
 * <pre>{@code
 * EnvelopeFormat exa = JsonEnvelope.builder()
 *         .idField("id").typeField("type").timeField("createdAt").dataField("data")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class JsonEnvelope implements EnvelopeFormat {

    private static final HexFormat HEX = HexFormat.of();

    private final Source id;
    private final Source type;
    /** The top-level field of the id, or null when it comes from elsewhere. */
    private final String idField;
    /** The top-level field of the type, or null when it comes from a header. */
    private final String typeField;
    private final String timeField;
    private final String dataField;
    private final String typeQualifierField;
    private final Set<String> headersRead;
    private final boolean trustsUnsignedHeaders;

    private JsonEnvelope(Builder builder) {
        this.id = builder.id;
        this.type = builder.type;
        this.idField = builder.idField;
        this.typeField = builder.typeField;
        this.timeField = builder.timeField;
        this.dataField = builder.dataField;
        this.typeQualifierField = builder.typeQualifierField;
        Set<String> headers = new LinkedHashSet<>();
        if (builder.idHeader != null) {
            headers.add(builder.idHeader);
        }
        if (builder.typeHeader != null) {
            headers.add(builder.typeHeader);
        }
        this.headersRead = Set.copyOf(headers);
        this.trustsUnsignedHeaders = builder.trustsUnsignedHeaders;
    }

    /** The default field of the event id: {@value}. */
    public static final String DEFAULT_ID_FIELD = "id";
    /** The default field of the event type: {@value}. */
    public static final String DEFAULT_TYPE_FIELD = "type";
    /** The default field of the event data: {@value}. */
    public static final String DEFAULT_DATA_FIELD = "data";

    /**
     * A builder reading the id from {@value #DEFAULT_ID_FIELD}, the type from {@value #DEFAULT_TYPE_FIELD} and the
     * data from {@value #DEFAULT_DATA_FIELD}, with no event time, until told otherwise: the shape most senders use,
     * so that {@code JsonEnvelope.builder().build()} is a working envelope.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Envelope read(Headers headers, byte[] body, ObjectMapper mapper) {
        return read(headers, body, mapper, null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>This format binds the data on the way when the event's type is known by the time the data field begins
     * (a type header, or a type field before the data field, as Exa, Encrata and Standard Webhooks send them) and
     * the type is not qualified by another field.
     */
    @Override
    public Envelope read(Headers headers, byte[] body, ObjectMapper mapper, Function<String, JavaType> dataTypes) {
        if (!isUtf8(body)) {
            throw new MalformedPayloadException(PayloadFailure.NOT_JSON);
        }
        Fields fields = scan(headers, body, mapper,
                typeQualifierField == null && dataField != null ? dataTypes : null);
        String eventType = type.read(fields, headers, body);
        if (eventType == null) {
            throw new MalformedPayloadException(PayloadFailure.MISSING_EVENT_TYPE);
        }
        String eventId = id.read(fields, headers, body);
        if (eventId == null) {
            throw new MalformedPayloadException(PayloadFailure.MISSING_EVENT_ID);
        }
        String baseType = null;
        if (fields.qualifier != null) {
            baseType = eventType;
            eventType = eventType + "." + fields.qualifier;
        }
        if (fields.dataEnd > 0) {
            return Envelope.located(eventId, eventType, fields.time, baseType, body, fields.dataStart, fields.dataEnd,
                    mapper, fields.boundKey, fields.boundValue);
        }
        return new Envelope(eventId, eventType, fields.time, fields.data, baseType);
    }

    /** The body's top-level fields, binding the data on the way if {@code dataTypes} is given. */
    private Fields scan(Headers headers, byte[] body, ObjectMapper mapper, Function<String, JavaType> dataTypes) {
        Fields fields = new Fields();
        try (JsonParser parser = mapper.createParser(body)) {
            scan(parser, fields, headers, body, mapper, dataTypes);
            return fields;
        } catch (EarlyBinding e) {
            // the data did not bind where it lies: read again without binding, which tells a malformed body from
            // data of another shape; binding later then fails as it would have
            return scan(headers, body, mapper, null);
        } catch (JacksonException e) {
            // the parser's message may quote the payload: keep only the reason
            throw new MalformedPayloadException(PayloadFailure.NOT_JSON);
        }
    }

    /**
     * Reads the body's top-level fields in one streaming pass that checks the whole document, keeping the values
     * this envelope reads and, for object or array data, only where the data starts and ends. The last of repeated
     * fields counts, as in a tree of the body.
     */
    private void scan(JsonParser parser, Fields fields, Headers headers, byte[] body, ObjectMapper mapper,
                      Function<String, JavaType> dataTypes) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedPayloadException(PayloadFailure.NOT_JSON);
        }
        if (dataField == null) {
            fields.dataStart = (int) parser.currentTokenLocation().getByteOffset();
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean container = value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY;
            if (name.equals(dataField)) {
                fields.boundKey = null;
                fields.boundValue = null;
                if (container) {
                    fields.dataStart = (int) parser.currentTokenLocation().getByteOffset();
                    String known = dataTypes == null ? null : type.read(fields, headers, body);
                    JavaType dataType = known == null ? null : dataTypes.apply(known);
                    if (dataType != null && dataType.getRawClass() != JsonNode.class) {
                        bind(parser, body, fields, DataReaders.of(mapper), dataType);
                    } else {
                        parser.skipChildren();
                    }
                    fields.dataEnd = (int) parser.currentLocation().getByteOffset();
                    fields.data = null;
                } else {
                    fields.data = parser.readValueAsTree();
                    fields.dataEnd = 0;
                }
                continue;
            }
            if (container) {
                // an object or an array is no id, type, qualifier or time: the field counts as absent
                parser.skipChildren();
            }
            String text = value == JsonToken.VALUE_STRING ? parser.getString() : null;
            String nonEmpty = text == null || text.isEmpty() ? null : text;
            if (name.equals(idField)) {
                fields.id = nonEmpty;
            }
            if (name.equals(typeField)) {
                fields.type = nonEmpty;
            }
            if (name.equals(typeQualifierField)) {
                fields.qualifier = nonEmpty;
            }
            if (name.equals(timeField)) {
                fields.time = text != null ? instant(text)
                        : value == JsonToken.VALUE_NUMBER_INT ? epochSeconds(parser) : null;
            }
        }
        if (dataField == null) {
            fields.dataEnd = (int) parser.currentLocation().getByteOffset();
        }
        if (parser.nextToken() != null) {
            // content after the object: not one JSON document
            throw new MalformedPayloadException(PayloadFailure.NOT_JSON);
        }
    }

    @Override
    public Set<String> headersRead() {
        return headersRead;
    }

    @Override
    public boolean trustsUnsignedHeaders() {
        return trustsUnsignedHeaders;
    }

    /**
     * Whether {@code body} is well-formed UTF-8 with no NUL byte: the only encoding of JSON between systems
     * (RFC 8259, section 8.1). Jackson alone would decode overlong forms as other characters and sequences above
     * U+10FFFF as unpaired surrogates, and would take a body with NUL bytes for UTF-16 or UTF-32. A NUL byte is
     * never part of UTF-8 JSON, since U+0000 must be escaped in strings and is not whitespace.
     */
    private static boolean isUtf8(byte[] body) {
        int i = 0;
        while (i < body.length) {
            // eight bytes at a time while they are all ASCII and none is NUL, as most of a JSON body is
            while (i <= body.length - ByteWords.SIZE) {
                long word = ByteWords.at(body, i);
                if ((ByteWords.nonAscii(word) | ByteWords.below(word, 1)) != 0) {
                    break;
                }
                i += ByteWords.SIZE;
            }
            if (i == body.length) {
                break;
            }
            int lead = body[i] & 0xFF;
            if (lead < 0x80) {
                if (lead == 0) {
                    return false;
                }
                i++;
                continue;
            }
            // the shortest form of each code point (Unicode, table 3-7): no overlong, surrogate or >U+10FFFF
            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                secondMin = lead == 0xE0 ? 0xA0 : 0x80;
                secondMax = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                secondMin = lead == 0xF0 ? 0x90 : 0x80;
                secondMax = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (body.length - i < length) {
                return false;
            }
            int second = body[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((body[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }

    /** Binds the data at the parser's current token, leaving the parser on the data's last token. */
    private static void bind(JsonParser parser, byte[] body, Fields fields, DataReaders readers, JavaType dataType) {
        Object value;
        try {
            value = readers.readInPlace(DataReaders.key(dataType), dataType, parser, body);
        } catch (RuntimeException e) {
            // a malformed body or data of another shape: the parser is lost either way, and what binding throws is
            // for the dispatch to meet, when a handler asks for the data
            throw new EarlyBinding();
        }
        fields.boundKey = value == null ? null : DataReaders.key(dataType);
        fields.boundValue = value;
    }

    /** The data did not bind while the body was read. */
    private static final class EarlyBinding extends RuntimeException {
        EarlyBinding() {
            super(null, null, false, false);
        }
    }

    /** The instant of unix seconds in a JSON integer; null if out of range. */
    private static Instant epochSeconds(JsonParser parser) {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return null;
        }
        long seconds = parser.getLongValue();
        return seconds >= 0 && seconds <= Instant.MAX.getEpochSecond() ? Instant.ofEpochSecond(seconds) : null;
    }

    /** The instant of ISO-8601 text (UTC when it has no offset); null for anything else. */
    private static Instant instant(String text) {
        Instant utc = utcInstant(text);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            // a date-time with no offset is taken as UTC, as providers that omit it mean
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * The instant of {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z}, the form providers send, read without a
     * {@code DateTimeFormatter} (which costs about as much as verifying a small delivery's signature); null
     * for any other form or an invalid date, which the general parse then reads or refuses exactly as before.
     */
    static Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            // ".", then 1 to 9 digits of fraction
            if (text.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year)) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of the ASCII decimal digits {@code text[from, to)}, or -1. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The top-level values one body gives the envelope's fields; filled by one {@link #scan}. */
    private static final class Fields {
        String id;
        String type;
        String qualifier;
        Instant time;
        /** Scalar data, or the missing node when there is none; null when the data is located in the body. */
        JsonNode data = MissingNode.getInstance();
        int dataStart;
        /** Where located data ends; 0 when it is not located. */
        int dataEnd;
        /** The type the located data was bound to on the way, and its value; null for none. */
        Type boundKey;
        Object boundValue;
    }

    /** Where a string part of the event comes from. */
    @FunctionalInterface
    private interface Source {
        /** The non-empty value, or null when absent. */
        String read(Fields fields, Headers headers, byte[] body);
    }

    private static Source header(String name) {
        requireName(name);
        return (fields, headers, body) -> {
            String value = headers.first(name);
            return value == null || value.isBlank() ? null : value.strip();
        };
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A field or header name is required");
        }
        return name;
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Configures a {@link JsonEnvelope}; not thread-safe. */
    public static final class Builder {
        private static final Source ID_FIELD = (fields, headers, body) -> fields.id;
        private static final Source TYPE_FIELD = (fields, headers, body) -> fields.type;

        private Source id = ID_FIELD;
        private Source type = TYPE_FIELD;
        private String idField = DEFAULT_ID_FIELD;
        private String typeField = DEFAULT_TYPE_FIELD;
        private String idHeader;
        private String typeHeader;
        private String timeField;
        private String dataField = DEFAULT_DATA_FIELD;
        private String typeQualifierField;
        private boolean trustsUnsignedHeaders;

        private Builder() {
        }

        /**
         * The event id is the string in this top-level field.
         *
         * @param name the field name
         * @return this builder
         */
        public Builder idField(String name) {
            this.idField = requireName(name);
            this.id = ID_FIELD;
            this.idHeader = null;
            return this;
        }

        /**
         * The event id is the value of this header. Unless the provider's signature scheme signs the header,
         * the provider also needs {@link #trustUnsignedHeaders()}.
         *
         * @param name the header name
         * @return this builder
         */
        public Builder idHeader(String name) {
            this.id = header(name);
            this.idField = null;
            this.idHeader = name.toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * The event id is the SHA-256 (lower-case hex) of the verified body, for providers that send no
         * id. Redeliveries deduplicate only if the provider resends identical bytes.
         *
         * @return this builder
         */
        public Builder idFromBodyDigest() {
            this.id = (fields, headers, body) -> sha256Hex(body);
            this.idField = null;
            this.idHeader = null;
            return this;
        }

        /**
         * The event type is the string in this top-level field.
         *
         * @param name the field name
         * @return this builder
         */
        public Builder typeField(String name) {
            this.typeField = requireName(name);
            this.type = TYPE_FIELD;
            this.typeHeader = null;
            return this;
        }

        /**
         * The event type is the value of this header. Unless the provider's signature scheme signs the header,
         * the provider also needs {@link #trustUnsignedHeaders()}.
         *
         * @param name the header name
         * @return this builder
         */
        public Builder typeHeader(String name) {
            this.type = header(name);
            this.typeField = null;
            this.typeHeader = name.toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Allows the id or type to come from headers the provider's signature scheme does not sign, accepting
         * the risk: anyone holding one captured delivery can replay it with new values in those headers, and a
         * new id runs the handlers again (a new type reaches other handlers). Deduplication then keys on the id
         * together with the body's SHA-256, so a replay can never claim the id of a genuine delivery still to
         * come. Without this, such a provider refuses to be built.
         *
         * @return this builder
         */
        public Builder trustUnsignedHeaders() {
            this.trustsUnsignedHeaders = true;
            return this;
        }

        /**
         * Qualifies the event type with the string in this top-level field, when present: GitHub's
         * {@code X-GitHub-Event: pull_request} with {@code "action": "opened"} is the type {@code pull_request.opened},
         * and handlers of the bare {@code pull_request} receive it too (its base type).
         *
         * @param name the field name, such as {@code action}
         * @return this builder
         */
        public Builder typeQualifierField(String name) {
            this.typeQualifierField = requireName(name);
            return this;
        }

        /**
         * The event time is in this top-level field, as ISO-8601 text (UTC when it has no offset) or unix
         * seconds. Optional.
         *
         * @param name the field name
         * @return this builder
         */
        public Builder timeField(String name) {
            this.timeField = requireName(name);
            return this;
        }

        /**
         * The event data is this top-level field. Default {@code data}.
         *
         * @param name the field name
         * @return this builder
         */
        public Builder dataField(String name) {
            this.dataField = requireName(name);
            return this;
        }

        /**
         * The event data is the whole body, for providers with no wrapper (GitHub, say).
         *
         * @return this builder
         */
        public Builder wholeBodyAsData() {
            this.dataField = null;
            return this;
        }

        /**
         * The envelope format.
         *
         * @return the format
         */
        public JsonEnvelope build() {
            return new JsonEnvelope(this);
        }
    }
}
