package dev.hookline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exa {@code webset.item.created} bodies of an exact size, built from the project's own fixture.
 *
 * <p>The fixture is written compactly, as a sender would send it. A body smaller than the fixture drops
 * evaluations until it fits; the item's description is then lengthened with plain prose to the exact
 * size, so every size is a realistic, valid event whose data binds to {@code WebsetItem}. The event id
 * is a fixed-width placeholder that {@link #withId} overwrites in place, so a ring of distinct events
 * costs one array copy each.
 */
public final class Payloads {

    /** Event ids are {@code event_} and this many decimal digits: as long as Exa's own ids. */
    static final int ID_DIGITS = 26;

    private static final String ID_PREFIX = "event_";
    private static final String PLACEHOLDER_ID = ID_PREFIX + "0".repeat(ID_DIGITS);
    private static final String FIXTURE = "/payloads/exa/webset.item.created.json";
    private static final String FILLER = " Before Kontora he led the payments platform team at a Hamburg bank,"
            + " moving card settlement onto event-driven services and cutting batch windows from hours to minutes.";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] template;
    private final int idOffset;

    private Payloads(byte[] template) {
        this.template = template;
        byte[] marker = PLACEHOLDER_ID.getBytes(StandardCharsets.US_ASCII);
        this.idOffset = indexOf(template, marker);
        if (idOffset < 0 || indexOf(Arrays.copyOfRange(template, idOffset + 1, template.length), marker) >= 0) {
            throw new IllegalStateException("the id placeholder must occur exactly once");
        }
    }

    /**
     * Bodies of exactly {@code size} bytes.
     *
     * @param size the body size in bytes; at least the size of the fixture without evaluations
     * @return the body maker
     */
    public static Payloads ofSize(int size) {
        ObjectNode root = (ObjectNode) readFixture();
        root.put("id", PLACEHOLDER_ID);
        ObjectNode data = (ObjectNode) root.get("data");
        ArrayNode evaluations = (ArrayNode) data.get("evaluations");
        ObjectNode properties = (ObjectNode) data.get("properties");
        String description = properties.get("description").stringValue();
        byte[] bytes = JSON.writeValueAsBytes(root);
        while (bytes.length > size && !evaluations.isEmpty()) {
            evaluations.remove(evaluations.size() - 1);
            bytes = JSON.writeValueAsBytes(root);
        }
        if (bytes.length > size) {
            throw new IllegalArgumentException("A body of " + size + " bytes is smaller than the smallest event, "
                    + bytes.length + " bytes");
        }
        int missing = size - bytes.length;
        StringBuilder padded = new StringBuilder(description.length() + missing);
        padded.append(description);
        while (padded.length() < description.length() + missing) {
            padded.append(FILLER);
        }
        padded.setLength(description.length() + missing);
        properties.put("description", padded.toString());
        bytes = JSON.writeValueAsBytes(root);
        if (bytes.length != size) {
            throw new IllegalStateException("built " + bytes.length + " bytes instead of " + size);
        }
        return new Payloads(bytes);
    }

    /**
     * The fixture file exactly as it is stored (pretty-printed, 1,878 bytes), its event id replaced by a
     * placeholder of the same length: the body the whole-path floor was first measured on.
     *
     * @return the body maker
     */
    public static Payloads fixture() {
        byte[] bytes = fixtureBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        String id = JSON.readTree(bytes).get("id").stringValue();
        if (id.length() != PLACEHOLDER_ID.length() || text.indexOf('"' + id + '"') != text.lastIndexOf('"' + id + '"')) {
            throw new IllegalStateException("the fixture's id must occur once and be as long as the placeholder");
        }
        return new Payloads(text.replace('"' + id + '"', '"' + PLACEHOLDER_ID + '"').getBytes(StandardCharsets.UTF_8));
    }

    /** The body size in bytes. */
    public int size() {
        return template.length;
    }

    /**
     * A body whose event id is {@code event_} followed by {@code n} as 26 zero-padded digits.
     *
     * @param n a non-negative number, distinct per wanted event
     * @return a fresh array
     */
    public byte[] withId(long n) {
        byte[] body = template.clone();
        writeId(body, n);
        return body;
    }

    /** The event id {@link #withId(long)} writes for {@code n}. */
    public static String id(long n) {
        String digits = Long.toString(n);
        return ID_PREFIX + "0".repeat(ID_DIGITS - digits.length()) + digits;
    }

    private void writeId(byte[] body, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        int at = idOffset + ID_PREFIX.length() + ID_DIGITS - 1;
        long rest = n;
        for (int i = 0; i < ID_DIGITS; i++) {
            body[at - i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    private static JsonNode readFixture() {
        return JSON.readTree(fixtureBytes());
    }

    private static byte[] fixtureBytes() {
        try (InputStream in = Payloads.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("fixture missing from the classpath: " + FIXTURE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
