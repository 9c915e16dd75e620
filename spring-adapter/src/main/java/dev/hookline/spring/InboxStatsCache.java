package dev.hookline.spring;

import dev.hookline.jdbc.InboxStats;
import dev.hookline.jdbc.JdbcInbox;
import dev.hookline.jdbc.JdbcStoreException;
import java.time.Duration;

/**
 * The inbox's figures, read at most once per {@code ttl}, so that the gauges of one scrape cost one statement.
 * Thread-safe.
 */
final class InboxStatsCache {

    private final JdbcInbox inbox;
    private final long ttlNanos;
    private InboxStats stats;
    private long readAt;

    InboxStatsCache(JdbcInbox inbox, Duration ttl) {
        this.inbox = inbox;
        this.ttlNanos = ttl.toNanos();
        this.readAt = System.nanoTime() - ttlNanos; // the first get reads
    }

    /** The figures, read again when older than the time to live; null when the database cannot be reached. */
    synchronized InboxStats get() {
        long now = System.nanoTime();
        // a failed read is kept for the time to live too: while the database is down, one attempt per period
        if (now - readAt >= ttlNanos) {
            readAt = now;
            try {
                stats = inbox.stats();
            } catch (JdbcStoreException e) {
                stats = null;
            }
        }
        return stats;
    }
}
