package dev.hookline.hostile;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.hookline.event.EventJson;
import dev.hookline.hostile.Hostile.Scheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Envelope bodies built from the real payload fixtures with a few values the fuzzer changes: a way into the
 * binding code that raw bytes rarely reach, since almost every random byte string is not JSON.
 */
final class Bodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> EXA = load("exa");
    private static final List<JsonNode> ENCRATA = load("encrata");

    private Bodies() {
    }

    /** Every fixture of {@code payloads/<provider>/}, parsed, in name order. */
    static List<JsonNode> load(String provider) {
        try {
            Path directory = Path.of(Bodies.class.getResource("/payloads/" + provider).toURI());
            try (Stream<Path> files = Files.list(directory)) {
                List<JsonNode> roots = new ArrayList<>();
                for (Path file : files.sorted().toList()) {
                    roots.add(EventJson.mapper().readTree(Files.readAllBytes(file)));
                }
                return List.copyOf(roots);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture envelope for the scheme's provider, with up to four values replaced as the fuzzer chooses. */
    static byte[] envelope(Scheme scheme, FuzzedDataProvider data) {
        ObjectNode root = fixture(scheme, data);
        int edits = data.consumeInt(0, 4);
        for (int i = 0; i < edits; i++) {
            edit(root, data);
        }
        return EventJson.mapper().writeValueAsBytes(root);
    }

    private static ObjectNode fixture(Scheme scheme, FuzzedDataProvider data) {
        return switch (scheme) {
            case EXA -> (ObjectNode) data.pickValue(EXA).deepCopy();
            case ENCRATA -> (ObjectNode) data.pickValue(ENCRATA).deepCopy();
            default -> {
                // Standard Webhooks: {type, timestamp, data}, with the data of any fixture
                JsonNode exa = data.pickValue(EXA);
                ObjectNode root = NODES.objectNode();
                root.set("type", exa.get("type"));
                root.set("timestamp", exa.get("createdAt"));
                root.set("data", exa.get("data").deepCopy());
                yield root;
            }
        };
    }

    /** Walks down from {@code root} as far as the fuzzer says, then replaces, adds or removes one member. */
    private static void edit(ObjectNode root, FuzzedDataProvider data) {
        JsonNode node = root;
        while (data.consumeBoolean()) {
            JsonNode child = child(node, data);
            if (child == null || !child.isContainer()) {
                break;
            }
            node = child;
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.isEmpty() || data.consumeInt(0, 7) == 0 ? data.consumeString(12) : data.pickValue(names);
            if (data.consumeInt(0, 7) == 0) {
                object.remove(name);
            } else {
                object.set(name, value(data));
            }
        } else if (node instanceof ArrayNode array) {
            if (array.isEmpty() || data.consumeBoolean()) {
                array.add(value(data));
            } else {
                array.set(data.consumeInt(0, array.size() - 1), value(data));
            }
        }
    }

    private static JsonNode child(JsonNode node, FuzzedDataProvider data) {
        if (node instanceof ObjectNode object && !object.isEmpty()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
            return members.get(data.consumeInt(0, members.size() - 1)).getValue();
        }
        if (node instanceof ArrayNode array && !array.isEmpty()) {
            return array.get(data.consumeInt(0, array.size() - 1));
        }
        return null;
    }

    private static JsonNode value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(data.consumeBoolean());
            case 2 -> NODES.numberNode(data.consumeLong());
            case 3 -> NODES.numberNode(data.consumeDouble());
            case 4 -> NODES.numberNode(new BigInteger(1, data.consumeBytes(64)));
            case 5 -> NODES.arrayNode().add(NODES.stringNode(data.consumeString(20)));
            case 6 -> NODES.objectNode().set(data.consumeString(12), NODES.stringNode(data.consumeString(20)));
            case 7 -> NODES.stringNode(data.pickValue(TIMES));
            default -> NODES.stringNode(data.consumeString(40));
        };
    }

    /** Date-time texts near the edges of what the envelope and the records read. */
    private static final List<String> TIMES = List.of("2026-05-02T12:00:00Z", "2026-05-02T12:00:00.123456789Z",
            "2026-05-02T12:00:00+14:00", "2026-05-02T12:00:00-18:00", "2026-05-02T12:00:00", "2026-05-02",
            "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z", "2026-05-02T24:00:00Z", "2026-05-02T12:00:60Z", "12:00:00Z", "");
}
