package dev.hookline.routing;

import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Refuses event type names a closed catalogue does not document, suggesting the closest ones it does. */
final class Catalogs {

    /** Suggestions further than this many edits away are not worth showing. */
    private static final int MAX_DISTANCE = 4;

    private Catalogs() {
    }

    /**
     * Checks that a pattern can match a documented type of a closed catalogue.
     *
     * @throws IllegalArgumentException if it cannot, naming the closest documented names
     */
    static void requireDocumented(EventCatalog catalog, TypePattern pattern) {
        if (catalog.isOpen() || pattern.isCatchAll()) {
            return;
        }
        for (EventType<?> type : catalog.types()) {
            if (pattern.matches(type.name())) {
                return;
            }
        }
        List<String> closest = closest(candidates(catalog, pattern), pattern.text());
        String suggestion = closest.isEmpty() ? "." : "; did you mean "
                + String.join(" or ", closest.stream().map(name -> "'" + name + "'").toList()) + "?";
        throw new IllegalArgumentException("'" + pattern.text() + "' matches no event type the provider documents"
                + suggestion + " To listen to it anyway, set undocumented = true on @WebhookListener (or call "
                + "allowUndocumentedTypes() on the builder).");
    }

    /**
     * What the pattern could have meant: the documented names for an exact name, and for a prefix pattern the
     * documented prefixes of as many segments, such as {@code webset.*} for {@code webest.*}.
     */
    private static List<String> candidates(EventCatalog catalog, TypePattern pattern) {
        if (pattern.isExact()) {
            return catalog.types().stream().map(EventType::name).distinct().toList();
        }
        int segments = pattern.prefix().split("\\.").length;
        return catalog.types().stream()
                .map(type -> type.name().split("\\."))
                .filter(parts -> parts.length > segments)
                .map(parts -> String.join(".", Arrays.copyOf(parts, segments)) + ".*")
                .distinct()
                .toList();
    }

    /** Up to three candidates nearest to {@code text}, by edit distance. */
    private static List<String> closest(List<String> candidates, String text) {
        return candidates.stream()
                .map(name -> new Scored(name, distance(text, name)))
                .filter(scored -> scored.distance <= MAX_DISTANCE)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(3)
                .map(Scored::name)
                .toList();
    }

    private record Scored(String name, int distance) {
    }

    /** The Levenshtein distance between two names. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
