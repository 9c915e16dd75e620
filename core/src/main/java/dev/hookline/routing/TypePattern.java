package dev.hookline.routing;

/**
 * An event type name, a prefix pattern ({@code webset.*}) or the catch-all {@code *}.
 *
 * @param text the pattern as written
 * @param prefix for prefix patterns, the text before {@code *} (ending in a dot); null otherwise
 */
record TypePattern(String text, String prefix) {

    static final String ANY = "*";

    static TypePattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An event type or pattern must not be blank");
        }
        if (!text.strip().equals(text)) {
            throw new IllegalArgumentException("Event type or pattern has surrounding spaces: '" + text + "'");
        }
        int star = text.indexOf('*');
        if (star < 0) {
            return new TypePattern(text, null);
        }
        if (text.equals(ANY)) {
            return new TypePattern(text, "");
        }
        if (star != text.length() - 1 || !text.endsWith(".*") || text.length() < 3) {
            throw new IllegalArgumentException(
                    "Invalid pattern '" + text + "': use an exact type, a prefix such as 'webset.*', or '*'");
        }
        return new TypePattern(text, text.substring(0, text.length() - 1));
    }

    boolean isExact() {
        return prefix == null;
    }

    boolean isCatchAll() {
        return "".equals(prefix);
    }

    boolean matches(String type) {
        return prefix == null ? text.equals(type) : type.startsWith(prefix);
    }
}
