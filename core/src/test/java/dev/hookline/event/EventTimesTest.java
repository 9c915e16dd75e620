package dev.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Hookline's mapper reads every {@link Instant} exactly as Jackson's own reader does. */
class EventTimesTest {

    record Stamped(Instant at) {
    }

    record Formatted(@JsonFormat(pattern = "uuuu/MM/dd HH:mm:ss", timezone = "UTC") Instant at) {
    }

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {
        "\"2025-11-13T10:04:21.734Z\"", "\"2025-11-13T10:04:21Z\"", "\"2025-11-13T10:04:21.123456789Z\"",
        "\"2025-11-13T10:04:21+00:00\"", "\"2025-11-13T10:04:21.5+02:00\"", "\"2025-11-13T10:04:21+0000\"",
        "\" 2025-11-13T10:04:21Z \"", "\"2016-12-31T23:59:60Z\"",
        // outside the fast form, yet read by Jackson: still read, the same way
        "\"2025-01-01T24:00:00Z\"", "\"2025-11-13T10:04:21.Z\"", "\"1700000000\"", "\"1700000000.25\"",
        "1700000000", "1700000000.5", "-1.5", "null"})
    void readsWhatJacksonReadsToTheSameInstant(String value) {
        String json = "{\"at\":" + value + "}";
        Stamped expected = JACKSON.readValue(json, Stamped.class);

        assertThat(EventJson.mapper().readValue(json, Stamped.class)).isEqualTo(expected);
        assertThat(EventJson.mapper().readValue(value, Instant.class)).isEqualTo(expected.at());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"2023-02-29T00:00:00Z\"", "\"2025-13-01T00:00:00Z\"", "\"2025-01-01T00:60:00Z\"", "\"yesterday\"",
        "true", "{}"})
    void refusesWhatJacksonRefusesWithTheSameError(String value) {
        String json = "{\"at\":" + value + "}";
        Throwable expected = catchFailure(() -> JACKSON.readValue(json, Stamped.class));

        assertThat(expected).isNotNull();
        assertThatThrownBy(() -> EventJson.mapper().readValue(json, Stamped.class))
                .isExactlyInstanceOf(expected.getClass())
                .hasMessage(expected.getMessage());
    }

    @Test
    void anEmptyStringIsNullAsInJackson() {
        assertThat(EventJson.mapper().readValue("{\"at\":\"\"}", Stamped.class))
                .isEqualTo(JACKSON.readValue("{\"at\":\"\"}", Stamped.class))
                .isEqualTo(new Stamped(null));
    }

    @Test
    void readsTimesInsideCollectionsAndMaps() {
        assertThat(EventJson.mapper().readValue("[\"2025-11-13T10:04:21Z\",\"2025-11-13T10:04:21+01:00\"]",
                new TypeReference<List<Instant>>() { }))
                .containsExactly(Instant.parse("2025-11-13T10:04:21Z"), Instant.parse("2025-11-13T09:04:21Z"));
        assertThat(EventJson.mapper().readValue("{\"a\":\"2025-11-13T10:04:21.5Z\"}",
                new TypeReference<Map<String, Instant>>() { }))
                .containsExactly(Map.entry("a", Instant.parse("2025-11-13T10:04:21.5Z")));
    }

    @Test
    void aPropertyWithItsOwnFormatIsReadWithThatFormat() {
        assertThat(EventJson.mapper().readValue("{\"at\":\"2025/11/13 10:04:21\"}", Formatted.class))
                .isEqualTo(new Formatted(Instant.parse("2025-11-13T10:04:21Z")));
    }

    @Test
    void truncatesToMillisecondsWhenTheMapperAsks() {
        JsonMapper truncating = EventJson.configure(JsonMapper.builder())
                .enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)
                .build();

        assertThat(truncating.readValue("{\"at\":\"2025-11-13T10:04:21.123456789Z\"}", Stamped.class))
                .isEqualTo(new Stamped(Instant.parse("2025-11-13T10:04:21.123Z")));
    }

    private static Throwable catchFailure(Runnable read) {
        try {
            read.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
