package dev.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strings of long bodies are read from the bytes themselves: every value must be exactly the one Jackson reads, and
 * whatever Jackson must read itself (escapes, control characters, strings over its limit, parsers other than the
 * body's own) still is.
 */
class BodyStringDeserializerTest {

    private static final JsonMapper JSON = EventJson.mapper();
    private static final DataReaders READERS = DataReaders.of(JSON);

    record Text(String text, List<String> words, Map<String, String> labels, Note note) {
    }

    record Note(String text) implements Shape {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes(@JsonSubTypes.Type(value = Note.class, name = "note"))
    sealed interface Shape permits Note {
    }

    record Shapes(List<Shape> shapes) {
    }

    record Label(String kind, String text) implements Labelled {
    }

    /** A type id Jackson passes on to the value, reading it again from a sequence of a buffer and the parser. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind",
            visible = true)
    @JsonSubTypes(@JsonSubTypes.Type(value = Label.class, name = "label"))
    sealed interface Labelled permits Label {
    }

    record Labels(List<Labelled> labels) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void longDataBindsToWhatJacksonReads(long seed) {
        String json = text(new Random(seed));
        byte[] document = json.getBytes(StandardCharsets.UTF_8);
        assertThat(document.length).isGreaterThanOrEqualTo(BodyStringDeserializer.MIN_BODY);
        Text expected = JSON.readValue(document, Text.class);

        // the data in the middle of a body, its offsets counted from where it starts
        byte[] body = surrounded(document);
        Object located = READERS.read(Text.class, type(Text.class), body, 5, 5 + document.length);

        assertThat(located).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void longDataBoundInPlaceIsWhatJacksonReads(long seed) {
        String json = text(new Random(seed));
        Text expected = JSON.readValue(json, Text.class);
        // a byte order mark first when the seed is even: the parser's offsets still count from the body's start
        String prefix = seed % 2 == 0 ? "\ufeff" : "";
        byte[] body = (prefix + "{\"type\": \"t\",\n  \"data\" : " + json + ", \"after\": \"x\"}")
                .getBytes(StandardCharsets.UTF_8);

        try (JsonParser parser = JSON.createParser(body)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            parser.nextToken();
            parser.nextToken();
            parser.nextToken();
            assertThat(parser.currentName()).isEqualTo("data");
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);

            assertThat(READERS.readInPlace(Text.class, type(Text.class), parser, body)).isEqualTo(expected);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.PROPERTY_NAME);
            assertThat(parser.currentName()).isEqualTo("after");
        }
    }

    @Test
    void eachPlainStringIsReadFromTheBytesAndEachEscapedOneByJackson() {
        String json = "{\"a\":\"plain\",\"b\" :\n\t\"caf\u00e9 \u20ac \ud83d\ude00 twelve bytes\", \"c\":[\"\", \"x\", "
                + "\"tab\\tbed\", \"\\u00e9\", \"quote\\\"d\"],\"d\":{\"e\":\"" + "0123456789".repeat(30) + "\"}}";
        byte[] body = surrounded(json.getBytes(StandardCharsets.UTF_8));
        List<String> fromBytes = new ArrayList<>();
        List<String> byJackson = new ArrayList<>();

        try (JsonParser parser = JSON.createParser(body, 5, body.length - 10)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    String read = BodyStringDeserializer.string(parser, body, 5);
                    String jackson = parser.getString();
                    if (read != null) {
                        assertThat(read).isEqualTo(jackson);
                        fromBytes.add(read);
                    } else {
                        byJackson.add(jackson);
                    }
                }
            }
        }

        assertThat(fromBytes).containsExactly("plain", "caf\u00e9 \u20ac \ud83d\ude00 twelve bytes", "", "x",
                "0123456789".repeat(30));
        assertThat(byJackson).containsExactly("tab\tbed", "\u00e9", "quote\"d");
    }

    @Test
    void offsetsAfterAByteOrderMarkCountFromTheBodysStart() {
        byte[] body = "\ufeff{\"\":\"v\",\"k\":\"plain\"}".getBytes(StandardCharsets.UTF_8);
        List<String> read = new ArrayList<>();

        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    read.add(BodyStringDeserializer.string(parser, body, 0));
                }
            }
        }

        assertThat(read).containsExactly("v", "plain");
    }

    @Test
    void aStringOverJacksonsLimitIsLeftToJackson() {
        JsonFactory strict = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(100).build())
                .build();
        byte[] body = ("[\"" + "x".repeat(100) + "\",\"" + "y".repeat(101) + "\"]").getBytes(StandardCharsets.UTF_8);

        try (JsonParser parser = JsonMapper.builder(strict).build().createParser(body)) {
            parser.nextToken();
            parser.nextToken();
            assertThat(BodyStringDeserializer.string(parser, body, 0)).isEqualTo("x".repeat(100));
            parser.nextToken();
            assertThat(BodyStringDeserializer.string(parser, body, 0)).isNull();
            assertThatThrownBy(parser::getString).isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void stringsJacksonBuffersAreReadFromItsBufferNotTheBytes() {
        // the type id after the value makes Jackson buffer the value's tokens, then read them from another parser
        String filler = "f".repeat(BodyStringDeserializer.MIN_BODY);
        String json = "{\"shapes\":[{\"text\":\"first\",\"kind\":\"note\"},{\"text\":\"" + filler
                + "\",\"kind\":\"note\"},{\"kind\":\"note\",\"text\":\"third\"}]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        Object shapes = READERS.read(Shapes.class, type(Shapes.class), body, 0, body.length);

        assertThat(shapes).isEqualTo(new Shapes(List.of(new Note("first"), new Note(filler), new Note("third"))));
    }

    @Test
    void stringsAfterATypeIdJacksonPassesOnAreWhatJacksonReads() {
        String filler = "f".repeat(BodyStringDeserializer.MIN_BODY);
        String json = "{\"labels\":[{\"kind\":\"label\",\"text\":\"" + filler + "\"},"
                + "{\"kind\":\"label\",\"text\":\"t\\u00e9\"},{\"text\":\"last\",\"kind\":\"label\"}]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        Object labels = READERS.read(Labels.class, type(Labels.class), body, 0, body.length);

        assertThat(labels).isEqualTo(JSON.readValue(body, Labels.class)).isEqualTo(new Labels(List.of(
                new Label("label", filler), new Label("label", "t\u00e9"), new Label("label", "last"))));
    }

    @Test
    void aRawControlCharacterFailsAsJacksonFailsIt() {
        // far enough from the closing quote that eight bytes at a time must see it
        String json = "{\"text\":\"" + "x".repeat(BodyStringDeserializer.MIN_BODY) + "\u0001" + "y".repeat(20) + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            parser.nextToken();
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(BodyStringDeserializer.string(parser, body, 0)).isNull();
        }
        assertThatThrownBy(() -> JSON.readValue(body, Text.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> READERS.read(Text.class, type(Text.class), body, 0, body.length))
                .isInstanceOf(JacksonException.class);
    }

    private static JavaType type(Class<?> type) {
        return JSON.constructType(type);
    }

    /** The document with five bytes of other content before and after it. */
    private static byte[] surrounded(byte[] document) {
        byte[] body = new byte[document.length + 10];
        System.arraycopy("[1, \"".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 5);
        System.arraycopy(document, 0, body, 5, document.length);
        System.arraycopy("\", 2]".getBytes(StandardCharsets.US_ASCII), 0, body, 5 + document.length, 5);
        return body;
    }

    /** A {@link Text} in JSON of at least {@link BodyStringDeserializer#MIN_BODY} bytes, its strings random. */
    private static String text(Random random) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"text\":").append(string(random, 4000 + random.nextInt(20_000)));
        json.append(",\n \"words\": [");
        int words = random.nextInt(40);
        for (int i = 0; i < words; i++) {
            json.append(i == 0 ? "" : ", ").append(string(random, random.nextInt(40)));
        }
        json.append("], \"labels\":{");
        int labels = random.nextInt(10);
        for (int i = 0; i < labels; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\" : ")
                    .append(string(random, random.nextInt(300)));
        }
        json.append("},\"note\" :{\"text\":").append(string(random, random.nextInt(3000))).append("}");
        json.append(",\"pad\":\"").append("p".repeat(BodyStringDeserializer.MIN_BODY)).append("\"}");
        return json.toString();
    }

    /**
     * A JSON string of about {@code length} characters: mostly ASCII, some of two, three and four bytes in UTF-8,
     * written as they are or, now and then, escaped.
     */
    private static String string(Random random, int length) {
        StringBuilder json = new StringBuilder(length + 2).append('"');
        boolean escapes = random.nextInt(3) == 0;
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(100);
            String character = pick < 80 ? String.valueOf((char) (' ' + random.nextInt(95)))
                    : pick < 88 ? "\u00e9" : pick < 94 ? "\u20ac" : pick < 97 ? "\ud83d\ude00" : "\u0394";
            if (character.equals("\"") || character.equals("\\")) {
                json.append(escapes ? "\\" + character : "_");
            } else if (escapes && random.nextInt(200) == 0) {
                json.append(String.format("\\u%04x", (int) character.charAt(0)));
            } else if (escapes && random.nextInt(300) == 0) {
                json.append("\\n");
            } else {
                json.append(character);
            }
        }
        return json.append('"').toString();
    }
}
