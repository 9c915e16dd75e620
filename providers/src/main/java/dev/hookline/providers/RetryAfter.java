package dev.hookline.providers;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads a {@code Retry-After} header: a number of seconds, or an HTTP date (RFC 9110, section 10.2.3). */
final class RetryAfter {

    /** Longer waits than a day are read as a day: the retry policy refuses them all the same. */
    private static final long MAX_SECONDS = Duration.ofDays(1).toSeconds();

    private RetryAfter() {
    }

    /**
     * The wait a header value asks for.
     *
     * @param value the header's value, or null when absent
     * @param now the current time, for a date
     * @return the wait (zero for a date in the past), or null when absent or unreadable
     */
    static Duration parse(String value, Instant now) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.length() > 6 ? Duration.ofSeconds(MAX_SECONDS)
                    : Duration.ofSeconds(Math.min(Long.parseLong(text), MAX_SECONDS));
        }
        try {
            Instant until = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, until);
            if (wait.isNegative()) {
                return Duration.ZERO;
            }
            return wait.toSeconds() > MAX_SECONDS ? Duration.ofSeconds(MAX_SECONDS) : wait;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
