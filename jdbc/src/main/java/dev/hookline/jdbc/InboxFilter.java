package dev.hookline.jdbc;

import java.time.Instant;

/**
 * Which rows of the {@link JdbcInbox} an operation applies to: those of an endpoint, of an event type, received in
 * a time range, or any combination. A part left null does not narrow the choice.
 *
 * <pre>{@code
 * inbox.replay(InboxFilter.all().endpoint("exa").type("webset.item.created")
 *         .receivedBetween(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-02T00:00:00Z")));
 * }</pre>
 *
 * @param endpoint the endpoint's name, or null for every endpoint
 * @param type the event type's exact name, or null for every type
 * @param receivedFrom the earliest time of receipt, inclusive, or null
 * @param receivedBefore the time of receipt rows must precede, exclusive, or null
 */
public record InboxFilter(String endpoint, String type, Instant receivedFrom, Instant receivedBefore) {

    private static final InboxFilter ALL = new InboxFilter(null, null, null, null);

    /**
     * Checks that the time range is not reversed.
     *
     * @param endpoint the endpoint's name, or null for every endpoint
     * @param type the event type's exact name, or null for every type
     * @param receivedFrom the earliest time of receipt, inclusive, or null
     * @param receivedBefore the time of receipt rows must precede, exclusive, or null
     */
    public InboxFilter {
        if (receivedFrom != null && receivedBefore != null && receivedBefore.isBefore(receivedFrom)) {
            throw new IllegalArgumentException("receivedBefore (" + receivedBefore + ") precedes receivedFrom ("
                    + receivedFrom + ")");
        }
    }

    /**
     * Every row.
     *
     * @return the filter that narrows nothing
     */
    public static InboxFilter all() {
        return ALL;
    }

    /**
     * This filter, narrowed to one endpoint.
     *
     * @param name the endpoint's name
     * @return the new filter
     */
    public InboxFilter endpoint(String name) {
        return new InboxFilter(name, type, receivedFrom, receivedBefore);
    }

    /**
     * This filter, narrowed to one event type.
     *
     * @param name the type's exact name
     * @return the new filter
     */
    public InboxFilter type(String name) {
        return new InboxFilter(endpoint, name, receivedFrom, receivedBefore);
    }

    /**
     * This filter, narrowed to rows received in {@code [from, before)}.
     *
     * @param from the earliest time of receipt, or null
     * @param before the time of receipt rows must precede, or null
     * @return the new filter
     */
    public InboxFilter receivedBetween(Instant from, Instant before) {
        return new InboxFilter(endpoint, type, from, before);
    }
}
