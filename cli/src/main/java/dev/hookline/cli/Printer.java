package dev.hookline.cli;

import dev.hookline.event.EventJson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command's output goes: results on standard output, as text or, with {@code --json}, as JSON (one document
 * per line); notes, warnings and errors on standard error.
 */
final class Printer {

    /** Writes records as JSON: their components by name, times in ISO-8601. */
    static final JsonMapper JSON = EventJson.configure(JsonMapper.builder()).build();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Printer(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Whether results are JSON. */
    boolean json() {
        return json;
    }

    /** One line of text on standard output. */
    void line(String text) {
        out.println(text);
    }

    /** One JSON document on one line of standard output. */
    void document(JsonNode node) {
        out.println(JSON.writeValueAsString(node));
    }

    /** One JSON document, given as its UTF-8 bytes, on one line of standard output. */
    void document(byte[] utf8) {
        out.println(new String(utf8, StandardCharsets.UTF_8));
    }

    /** A value as a JSON document on one line of standard output. */
    void value(Object value) {
        document(JSON.valueToTree(value));
    }

    /** A note on standard error. */
    void note(String text) {
        err.println(text);
    }

    /** Makes sure everything written so far is out. */
    void flush() {
        out.flush();
        err.flush();
    }
}
