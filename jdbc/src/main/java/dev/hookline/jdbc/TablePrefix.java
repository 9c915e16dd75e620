package dev.hookline.jdbc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the prefix put before every table, index and constraint name. It is written into SQL text, never
 * bound as a parameter, so only a plain lower-case SQL identifier passes: it then needs no quoting, and no
 * value can change what a statement does.
 */
final class TablePrefix {

    /**
     * The longest prefix. PostgreSQL cuts names at 63 bytes without an error, so two long names could become
     * one; the longest name made from a prefix ({@code <prefix>deduplication_completed_at}, 26 more
     * characters) stays within that.
     */
    static final int MAX_LENGTH = 32;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private TablePrefix() {
    }

    /**
     * The prefix, if it is one.
     *
     * @throws IllegalArgumentException naming the prefix and what a prefix must be
     */
    static String check(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.length() > MAX_LENGTH || !IDENTIFIER.matcher(prefix).matches()) {
            String shown = prefix.length() > MAX_LENGTH ? prefix.substring(0, MAX_LENGTH) + "..." : prefix;
            throw new IllegalArgumentException("Table prefix '" + shown + "' is not allowed: use 1 to " + MAX_LENGTH
                    + " characters of a-z, 0-9 and _, not starting with a digit (such as hookline_)");
        }
        return prefix;
    }
}
