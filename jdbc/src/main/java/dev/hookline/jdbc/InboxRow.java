package dev.hookline.jdbc;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the {@link JdbcInbox}, as an operator sees it: everything but the stored event itself.
 *
 * @param id the row's id, for {@link JdbcInbox#replay(long)}
 * @param endpoint the endpoint's name
 * @param eventId the key the row is unique by: the event id, or for a provider that reads unsigned headers, the
 *     id followed by {@code #sha256=} and the body's digest
 * @param eventType the event type
 * @param state where the row is in its life
 * @param attempts how many times a worker has taken it
 * @param receivedAt when its delivery was received
 * @param runAfter when it is due (for a pending or retrying row)
 * @param leaseUntil until when its worker's lease lasts, for a running row; otherwise null
 * @param lastError the last failure's exception class and message, truncated; null if it never failed
 * @param finishedAt when it became done or dead; otherwise null
 */
public record InboxRow(long id, String endpoint, String eventId, String eventType, InboxState state, int attempts,
                       Instant receivedAt, Instant runAfter, Instant leaseUntil, String lastError, Instant finishedAt) {

    /**
     * Checks that the parts every row has are present.
     *
     * @param id the row's id, for {@link JdbcInbox#replay(long)}
     * @param endpoint the endpoint's name
     * @param eventId the key the row is unique by: the event id, or for a provider that reads unsigned headers,
     *     the id followed by {@code #sha256=} and the body's digest
     * @param eventType the event type
     * @param state where the row is in its life
     * @param attempts how many times a worker has taken it
     * @param receivedAt when its delivery was received
     * @param runAfter when it is due (for a pending or retrying row)
     * @param leaseUntil until when its worker's lease lasts, for a running row; otherwise null
     * @param lastError the last failure's exception class and message, truncated; null if it never failed
     * @param finishedAt when it became done or dead; otherwise null
     */
    public InboxRow {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(runAfter, "runAfter");
    }
}
