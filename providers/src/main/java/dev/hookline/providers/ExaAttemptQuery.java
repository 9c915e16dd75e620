package dev.hookline.providers;

/**
 * Which delivery attempts of a webhook to list ({@code GET /v0/webhooks/{id}/attempts}); a null field does not
 * filter.
 *
 * @param eventType only attempts at events of this type, or null
 * @param successful only successful ({@code true}) or failed ({@code false}) attempts, or null for both
 * @param cursor the page to start from, or null for the first (the newest attempts)
 * @param limit attempts per page, 1 to 200, or null for Exa's default (25)
 */
public record ExaAttemptQuery(String eventType, Boolean successful, String cursor, Integer limit) {

    /**
     * Checks the page size.
     *
     * @throws IllegalArgumentException if the limit is outside 1 to 200
     */
    public ExaAttemptQuery {
        checkLimit(limit);
    }

    /**
     * Every attempt, first page, default page size.
     *
     * @return the query
     */
    public static ExaAttemptQuery all() {
        return new ExaAttemptQuery(null, null, null, null);
    }

    /**
     * This query, for attempts at events of one type.
     *
     * @param type the event type
     * @return the query
     */
    public ExaAttemptQuery eventType(String type) {
        return new ExaAttemptQuery(type, successful, cursor, limit);
    }

    /**
     * This query, for successful or failed attempts only.
     *
     * @param success true for successful attempts, false for failed ones
     * @return the query
     */
    public ExaAttemptQuery successful(boolean success) {
        return new ExaAttemptQuery(eventType, success, cursor, limit);
    }

    /**
     * This query, from the page at a cursor.
     *
     * @param at a {@link Page#nextCursor()}
     * @return the query
     */
    public ExaAttemptQuery cursor(String at) {
        return new ExaAttemptQuery(eventType, successful, at, limit);
    }

    /**
     * This query, with a page size.
     *
     * @param perPage 1 to 200
     * @return the query
     */
    public ExaAttemptQuery limit(int perPage) {
        return new ExaAttemptQuery(eventType, successful, cursor, perPage);
    }

    static void checkLimit(Integer limit) {
        if (limit != null && (limit < 1 || limit > ExaEventQuery.MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be between 1 and " + ExaEventQuery.MAX_LIMIT + ", was "
                    + limit);
        }
    }
}
