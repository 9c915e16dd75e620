package dev.hookline.providers;

import java.time.Instant;
import java.util.List;

/**
 * Which events to list ({@code GET /v0/events}); a null field does not filter.
 *
 * <pre>{@code
 * exa.allEvents(ExaEventQuery.all().createdAfter(since).types(List.of("webset.item.created")))
 * }</pre>
 *
 * @param types only events of these types (sent as {@code types=a&types=b}), or null for every type
 * @param createdAfter only events created at or after this instant (inclusive), or null
 * @param createdBefore only events created at or before this instant (inclusive), or null
 * @param cursor the page to start from, or null for the first (the newest events)
 * @param limit events per page, 1 to 200, or null for Exa's default (25)
 */
public record ExaEventQuery(List<String> types, Instant createdAfter, Instant createdBefore, String cursor,
                            Integer limit) {

    /** The largest page Exa serves. */
    public static final int MAX_LIMIT = 200;

    /**
     * Checks the page size and copies the types.
     *
     * @throws IllegalArgumentException if the limit is outside 1 to 200, or a type is blank
     */
    public ExaEventQuery {
        types = types == null ? null : List.copyOf(types);
        if (types != null && types.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("An event type must not be blank");
        }
        ExaAttemptQuery.checkLimit(limit);
    }

    /**
     * Every event, first page, default page size.
     *
     * @return the query
     */
    public static ExaEventQuery all() {
        return new ExaEventQuery(null, null, null, null, null);
    }

    /**
     * This query, for these types only.
     *
     * @param only the event types; null or empty for every type
     * @return the query
     */
    public ExaEventQuery types(List<String> only) {
        return new ExaEventQuery(only == null || only.isEmpty() ? null : only, createdAfter, createdBefore, cursor,
                limit);
    }

    /**
     * This query, for events created at or after an instant.
     *
     * @param after the instant, inclusive
     * @return the query
     */
    public ExaEventQuery createdAfter(Instant after) {
        return new ExaEventQuery(types, after, createdBefore, cursor, limit);
    }

    /**
     * This query, for events created at or before an instant.
     *
     * @param before the instant, inclusive
     * @return the query
     */
    public ExaEventQuery createdBefore(Instant before) {
        return new ExaEventQuery(types, createdAfter, before, cursor, limit);
    }

    /**
     * This query, from the page at a cursor.
     *
     * @param at a {@link Page#nextCursor()}
     * @return the query
     */
    public ExaEventQuery cursor(String at) {
        return new ExaEventQuery(types, createdAfter, createdBefore, at, limit);
    }

    /**
     * This query, with a page size.
     *
     * @param perPage 1 to 200
     * @return the query
     */
    public ExaEventQuery limit(int perPage) {
        return new ExaEventQuery(types, createdAfter, createdBefore, cursor, perPage);
    }
}
