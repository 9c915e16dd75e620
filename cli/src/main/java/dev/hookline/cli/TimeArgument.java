package dev.hookline.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --since} and {@code --until}: an ISO-8601 instant ({@code 2026-05-01T12:00:00Z}), a date-time with
 * an offset ({@code 2026-05-01T14:00:00+02:00}), a date (its start, UTC), or a time ago: a number and a unit
 * ({@code 90s}, {@code 30m}, {@code 2h}, {@code 3d}, {@code 1w}) or an ISO-8601 duration ({@code PT2H}).
 */
final class TimeArgument {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhdw])");

    private TimeArgument() {
    }

    /**
     * The instant an argument names.
     *
     * @param option the option, for messages
     * @param text its value
     * @param now the current time, for a time ago
     * @return the instant
     * @throws UsageException if the value is none of the forms
     */
    static Instant parse(String option, String text, Instant now) throws UsageException {
        String value = text.strip();
        Matcher ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration unit = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return now.minus(Duration.parse(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return Instant.parse(value.toUpperCase(Locale.ROOT));
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            throw new UsageException(option + " must be an ISO-8601 time such as 2026-05-01T12:00:00Z, a date, or a "
                    + "time ago such as 2h, 30m or 3d; was '" + text + "'");
        }
    }
}
