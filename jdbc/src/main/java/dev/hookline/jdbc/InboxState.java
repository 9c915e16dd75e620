package dev.hookline.jdbc;

import java.util.Locale;

/**
 * Where a row of the {@link JdbcInbox} is in its life, as its {@code state} column says, in lower case.
 *
 * <pre>
 *   pending --claim--> running --handled--> done --(retention)--> pruned
 *                         |  \--failed, attempts left--> retrying --(backoff)--> claimed again
 *                         |  \--failed, no attempts left, or malformed--> dead --replay--> pending
 *                         \--lease expired (its instance died)--> retrying, or dead when no attempts are left
 * </pre>
 */
public enum InboxState {
    /** Accepted and stored; no worker has taken it yet. */
    PENDING,
    /** A worker holds it under a lease and is running its handlers. */
    RUNNING,
    /** Its handlers failed, or its worker died, and attempts are left: due again after a backoff. */
    RETRYING,
    /** Its handlers ran: kept, for deduplication, until pruned after the retention. */
    DONE,
    /** It failed on every attempt, or cannot be handled at all: kept, with its last error, until replayed. */
    DEAD;

    /**
     * The value in the {@code state} column.
     *
     * @return the lower-case name, such as {@code pending}
     */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a column value names. */
    static InboxState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
