package dev.hookline.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP headers of a delivery: names compared case-insensitively, each name with one or more values
 * in the order they arrived.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}, {@link #of(Map)} (one value per name) or
 * {@link #copyOf(Map)} (any number of values per name).
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(Map.of());

    /** Lower-cased name to its values, in arrival order. */
    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Headers with no entries. */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Headers holding one value per entry of {@code single}.
     *
     * @param single header names to values; names that differ only in case are kept as repeated values
     * @return the headers
     */
    public static Headers of(Map<String, String> single) {
        Builder builder = builder();
        single.forEach(builder::add);
        return builder.build();
    }

    /**
     * Headers holding every value of every entry, in the map's order: the shape of the JDK {@code HttpServer}'s
     * {@code Headers}, JAX-RS's {@code MultivaluedMap} and Spring's {@code HttpHeaders.asMultiValueMap()}.
     *
     * <pre>{@code
     * Headers headers = Headers.copyOf(exchange.getRequestHeaders());   // com.sun.net.httpserver.HttpExchange
     * }</pre>
     *
     * @param multiValued header names to their values; names that differ only in case are merged in order; a null
     *     list counts as no value
     * @return the headers
     */
    public static Headers copyOf(Map<String, ? extends Collection<String>> multiValued) {
        Builder builder = builder();
        multiValued.forEach((name, list) -> {
            if (list != null) {
                builder.add(name, list);
            }
        });
        return builder.build();
    }

    /** A builder collecting header values; not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The first value of the named header.
     *
     * @param name the header name, in any case
     * @return its first value, or {@code null} when absent
     */
    public String first(String name) {
        List<String> list = values.get(key(name));
        return list == null ? null : list.get(0);
    }

    /**
     * Every value of the named header, in arrival order.
     *
     * @param name the header name, in any case
     * @return the values; empty when the header is absent
     */
    public List<String> all(String name) {
        List<String> list = values.get(key(name));
        return list == null ? List.of() : list;
    }

    /**
     * Whether the named header is present.
     *
     * @param name the header name, in any case
     * @return true when at least one value arrived
     */
    public boolean contains(String name) {
        return values.containsKey(key(name));
    }

    /** The header names present, lower-cased. */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * These headers with only the named ones kept.
     *
     * @param names the header names to keep, lower-case
     * @return the headers kept, in arrival order
     */
    public Headers only(Set<String> names) {
        Builder kept = builder();
        values.forEach((name, list) -> {
            if (names.contains(name)) {
                kept.add(name, list);
            }
        });
        return kept.build();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Lists header names only: values may carry signatures and are never printed. */
    @Override
    public String toString() {
        return "Headers" + values.keySet();
    }

    /** Collects header values; {@link #build()} returns an immutable {@link Headers}. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds one value for a header, after any already added under the same name.
         *
         * @param name the header name, in any case
         * @param value the value; must not be null
         * @return this builder
         */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            values.computeIfAbsent(key(name), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /**
         * Adds every value of a header.
         *
         * @param name the header name, in any case
         * @param headerValues the values, in order
         * @return this builder
         */
        public Builder add(String name, Iterable<String> headerValues) {
            headerValues.forEach(value -> add(name, value));
            return this;
        }

        /** The headers collected so far. */
        public Headers build() {
            if (values.isEmpty()) {
                return EMPTY;
            }
            Map<String, List<String>> copy = new LinkedHashMap<>(values.size() * 2);
            values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            return new Headers(Collections.unmodifiableMap(copy));
        }
    }
}
