package dev.hookline.jdbc;

import dev.hookline.delivery.Reason;
import java.util.Locale;

/**
 * Why {@link JdbcInbox#receive} could not take a verified delivery in: the sender is answered 503 with
 * {@code Retry-After} and retries, and nothing is lost.
 */
public enum InboxFailure implements Reason {
    /** The database could not be reached, or refused to store the event. */
    INBOX_UNAVAILABLE("The inbox is unavailable; retry later.");

    private final String description;

    InboxFailure(String description) {
        this.description = description;
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return description;
    }
}
