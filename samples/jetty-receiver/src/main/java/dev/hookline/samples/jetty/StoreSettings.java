package dev.hookline.samples.jetty;

import java.time.Duration;
import java.util.Map;

/**
 * Where the receiver keeps what its instances share, read from environment variables. Without
 * {@code HOOKLINE_JDBC_URL}, nothing: each endpoint deduplicates in memory and handles deliveries as they arrive.
 * With it, every endpoint deduplicates in that PostgreSQL database (the tables are created if missing), so that
 * receivers started with the same URL form one logical receiver; with {@code HOOKLINE_INBOX=true} as well, the
 * endpoints answer as soon as the event is stored and workers handle it.
 *
 * <ul>
 *   <li>{@code HOOKLINE_JDBC_URL}: a PostgreSQL JDBC URL, such as {@code jdbc:postgresql://localhost:5432/app}</li>
 *   <li>{@code HOOKLINE_JDBC_USER}, {@code HOOKLINE_JDBC_PASSWORD}: its credentials, if it needs them</li>
 *   <li>{@code HOOKLINE_INBOX}: {@code true} for inbox mode; default {@code false}</li>
 *   <li>{@code HOOKLINE_INBOX_LEASE}: seconds after which another receiver takes over the events of one that
 *       died; default 30</li>
 *   <li>{@code HOOKLINE_JDBC_TABLE_PREFIX}: the tables' prefix; default {@code hookline_}</li>
 * </ul>
 *
 * @param url the JDBC URL, or null to keep everything in memory
 * @param user the user, or null
 * @param password the password, or null; never shown
 * @param inbox whether the endpoints run in inbox mode
 * @param lease the inbox workers' lease
 * @param tablePrefix the tables' prefix
 */
public record StoreSettings(String url, String user, String password, boolean inbox, Duration lease,
                            String tablePrefix) {

    /** The lease unless {@code HOOKLINE_INBOX_LEASE} says otherwise. */
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /** Checks that inbox mode has a database. */
    public StoreSettings {
        if (inbox && url == null) {
            throw new IllegalArgumentException("HOOKLINE_INBOX=true needs HOOKLINE_JDBC_URL: the inbox is a PostgreSQL "
                    + "table");
        }
    }

    /**
     * Reads the settings from environment variables.
     *
     * @param environment the variables, such as {@link System#getenv()}
     * @return the settings
     * @throws IllegalArgumentException if a variable has a value it cannot have (the message never shows a password)
     */
    public static StoreSettings from(Map<String, String> environment) {
        String url = blankToNull(environment.get("HOOKLINE_JDBC_URL"));
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("HOOKLINE_JDBC_URL must be a PostgreSQL JDBC URL starting with "
                    + "jdbc:postgresql:");
        }
        String inbox = blankToNull(environment.get("HOOKLINE_INBOX"));
        if (inbox != null && !inbox.equals("true") && !inbox.equals("false")) {
            throw new IllegalArgumentException("HOOKLINE_INBOX must be true or false, was '" + inbox + "'");
        }
        String prefix = blankToNull(environment.get("HOOKLINE_JDBC_TABLE_PREFIX"));
        return new StoreSettings(url, blankToNull(environment.get("HOOKLINE_JDBC_USER")),
                blankToNull(environment.get("HOOKLINE_JDBC_PASSWORD")), "true".equals(inbox),
                lease(environment.get("HOOKLINE_INBOX_LEASE")), prefix == null ? "hookline_" : prefix);
    }

    /** Whether the endpoints deduplicate in PostgreSQL. */
    public boolean shared() {
        return url != null;
    }

    private static Duration lease(String text) {
        if (blankToNull(text) == null) {
            return DEFAULT_LEASE;
        }
        try {
            long seconds = Long.parseLong(text.strip());
            if (seconds >= 1 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("HOOKLINE_INBOX_LEASE must be a number of seconds from 1 to 3600, was '"
                + text + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "StoreSettings[" + (url == null ? "in memory" : (inbox ? "inbox" : "deduplication") + " in PostgreSQL")
                + "]";
    }
}
