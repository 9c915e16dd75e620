package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --since} and {@code --until}: instants, dates, offsets and times ago. */
class TimeArgumentTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
        "90s, 2026-06-01T11:58:30Z",
        "30m, 2026-06-01T11:30:00Z",
        "2h, 2026-06-01T10:00:00Z",
        "2H, 2026-06-01T10:00:00Z",
        "3d, 2026-05-29T12:00:00Z",
        "1w, 2026-05-25T12:00:00Z",
        "PT2H30M, 2026-06-01T09:30:00Z",
        "2026-05-01T08:15:00Z, 2026-05-01T08:15:00Z",
        "2026-05-01T08:15:00.123z, 2026-05-01T08:15:00.123Z",
        "2026-05-01T10:15:00+02:00, 2026-05-01T08:15:00Z",
        "2026-05-01, 2026-05-01T00:00:00Z"})
    void eachFormNamesItsInstant(String text, Instant expected) throws Exception {
        assertThat(TimeArgument.parse("--since", text, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2h ago", "-2h", "2026-13-01", "2026-05-01T08:15:00", "P", "12"})
    void anythingElseIsAUsageErrorQuotingTheValue(String text) {
        assertThatThrownBy(() -> TimeArgument.parse("--until", text, NOW)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--until must be an ISO-8601 time").hasMessageEndingWith("was '" + text + "'");
    }
}
