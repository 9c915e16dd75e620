package dev.hookline.event;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.JsonParserSequence;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Reads a string without escapes straight from the body's bytes into a {@code String}, where Jackson would first
 * decode it into {@code char[]} buffers, join them and copy them again: for a long string, two to three times its
 * length in memory that is garbage at once. Used only when binding a long body (at least {@link #MIN_BODY} bytes),
 * through a reader made by {@link #reading}; a string with an escape, a control character Jackson refuses or more
 * characters than its limit, and a token of any parser but the one the reader was made for (such as tokens Jackson
 * buffered), are read as Jackson reads them.
 *
 * <p>The result is the same string: the body is checked to be well-formed UTF-8 before it is read, so its bytes
 * between two quotes without a backslash decode to exactly the characters Jackson would give.
 */
final class BodyStringDeserializer extends StringDeserializer {

    /** Bodies shorter than this are bound as Jackson binds them: their strings cost little to copy. */
    static final int MIN_BODY = 16 * 1024;

    /** Set on the mapper that binds long bodies; without a source given by {@link #reading}, it is Jackson's own. */
    static final BodyStringDeserializer INSTANCE = new BodyStringDeserializer();

    private BodyStringDeserializer() {
    }

    /**
     * A reader whose string values, read from {@code parser}, are taken from {@code body} itself.
     *
     * @param reader a reader of the mapper this deserializer is set on
     * @param parser the parser the reader will read from, made over {@code body} from {@code base} on
     * @param base where in {@code body} the parser's byte offsets count from
     */
    static ObjectReader reading(ObjectReader reader, JsonParser parser, byte[] body, int base) {
        return reader.withAttribute(Source.class, new Source(parser, body, base));
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.hasToken(JsonToken.VALUE_STRING) && ctxt.getAttribute(Source.class) instanceof Source source
                && reads(p, source.parser)) {
            String value = string(source.parser, source.body, source.base);
            if (value != null) {
                return value;
            }
        }
        return super.deserialize(p, ctxt);
    }

    /**
     * Whether {@code p} is on a token of {@code parser}: it is that parser, or a sequence (as Jackson makes to read a
     * type id again before the rest of a value) now reading from it, whose token is then that parser's token.
     */
    private static boolean reads(JsonParser p, JsonParser parser) {
        JsonParser current = p;
        while (current != parser && current instanceof JsonParserSequence sequence) {
            current = sequence.delegate();
        }
        return current == parser;
    }

    /** The body a parser reads, and where in it the parser's byte offsets count from. */
    private record Source(JsonParser parser, byte[] body, int base) {
    }

    /**
     * The string whose opening quote {@code parser} is on, read from {@code body}; null if it must be read as
     * Jackson reads it.
     *
     * @param base where in {@code body} the parser's byte offsets count from
     */
    static String string(JsonParser parser, byte[] body, int base) {
        long offset = parser.currentTokenLocation().getByteOffset();
        if (offset < 0 || offset >= body.length - base || body[base + (int) offset] != '"') {
            return null;
        }
        int start = base + (int) offset + 1;
        int end = closingQuote(body, start);
        if (end < 0 || end - start > parser.streamReadConstraints().getMaxStringLength()) {
            return null;
        }
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * Where the string from {@code start} ends: the index of its closing quote, or -1 if a backslash or a control
     * character comes first, or nothing does. Bytes of multi-byte characters are all at least 0x80, so never taken
     * for either.
     */
    private static int closingQuote(byte[] body, int start) {
        int i = start;
        // eight bytes at a time while none is a quote, a backslash or below a space
        while (i <= body.length - ByteWords.SIZE) {
            long word = ByteWords.at(body, i);
            if ((ByteWords.equal(word, '"') | ByteWords.equal(word, '\\') | ByteWords.below(word, ' ')) != 0) {
                break;
            }
            i += ByteWords.SIZE;
        }
        // the first byte that stopped the words is among the next eight
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || (b >= 0 && b < ' ')) {
                return -1;
            }
        }
        return -1;
    }
}
