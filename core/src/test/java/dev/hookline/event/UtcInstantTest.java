package dev.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast read of UTC event times agrees with {@link OffsetDateTime#parse} wherever it answers. */
class UtcInstantTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2025-11-13T10:04:21.734Z", "2025-11-13T10:04:21Z", "2025-11-13T10:04:21.7Z",
        "2025-11-13T10:04:21.123456789Z", "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2000-02-29T12:00:00.5Z", "1969-12-31T23:59:59.25Z"})
    void readsTheUtcFormExactlyAsTheGeneralParser(String text) {
        assertThat(JsonEnvelope.utcInstant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // not the fast form: left to the general parse
        "2025-11-13T10:04:21+00:00", "2025-11-13T10:04:21.734+02:00", "2025-11-13t10:04:21Z", "2025-11-13T10:04:21z",
        "2025-11-13T10:04:21.Z", "2025-11-13T10:04:21.1234567890Z", "2025-11-13T10:04Z", "+12025-11-13T10:04:21Z",
        "2025-11-13 10:04:21Z", "2025-11-13T10:04:21", "",
        // the fast form with an invalid field: refused here and by the general parse alike
        "2023-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z",
        "2025-01-00T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T00:60:00Z", "2025-01-01T00:00:60Z",
        "2025-01-0aT00:00:00Z", "2025-01-01T00:00:00.1a3Z", "\u0662025-01-01T00:00:00Z"})
    void answersNothingForAnyOtherFormOrAnInvalidDate(String text) {
        assertThat(JsonEnvelope.utcInstant(text)).isNull();
    }

    @Test
    void agreesWithTheGeneralParserOnRandomTimes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                    random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(25),
                    random.nextInt(61), random.nextInt(61)));
            int fraction = random.nextInt(11);
            if (fraction > 0) {
                text.append('.');
                for (int d = 1; d < fraction; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            text.append('Z');
            Instant general;
            try {
                general = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                general = null;
            }
            Instant fast = JsonEnvelope.utcInstant(text.toString());
            if (fast != null) {
                assertThat(fast).as(text.toString()).isEqualTo(general);
            } else if (general != null) {
                // only the forms outside the fast path may be read by the general parser alone
                assertThat(text.toString()).matches(".*\\.Z");
            }
        }
    }
}
