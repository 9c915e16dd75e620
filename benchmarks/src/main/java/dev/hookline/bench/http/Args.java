package dev.hookline.bench.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} pairs. */
public final class Args {

    private Args() {
    }

    /**
     * Reads {@code --name value} pairs.
     *
     * @param args the command line
     * @return names without dashes to values
     */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, at: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
