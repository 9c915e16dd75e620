package dev.hookline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.delivery.Headers;
import dev.hookline.event.VerifiedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stored form of a verified event: versioned, exact, and refused when it is anything else. */
class StoredFormTest {

    private static final VerifiedEvent EVENT = new VerifiedEvent("standard", "standard", "msg_é✓", "user.created",
            Instant.parse("2026-05-02T12:00:00.123456789Z"), Instant.parse("2026-05-02T12:00:01Z"),
            Instant.parse("2026-05-02T12:10:01Z"), Headers.builder().add("webhook-id", "msg_é✓").build(),
            "{\"data\":{}}".getBytes(StandardCharsets.UTF_8));

    @Test
    void everyPartSurvivesTheRoundTrip() {
        VerifiedEvent back = VerifiedEvent.fromBytes(EVENT.toBytes());

        assertThat(back).isEqualTo(EVENT).hasSameHashCodeAs(EVENT);
        assertThat(back.time()).isEqualTo(EVENT.time());
        assertThat(back.replayableUntil()).isEqualTo(EVENT.replayableUntil());
        assertThat(back.headers().all("webhook-id")).containsExactly("msg_é✓");
        assertThat(new String(back.body(), StandardCharsets.UTF_8)).isEqualTo("{\"data\":{}}");
    }

    @Test
    void absentTimesStayAbsent() {
        VerifiedEvent untimed = new VerifiedEvent("exa", "exa", "evt_1", "webset.created", null, Instant.EPOCH, null,
                Headers.empty(), new byte[0]);

        VerifiedEvent back = VerifiedEvent.fromBytes(untimed.toBytes());

        assertThat(back.time()).isNull();
        assertThat(back.replayableUntil()).isNull();
        assertThat(back).isEqualTo(untimed);
    }

    @Test
    void theFormStartsWithItsMagicAndVersion() {
        byte[] bytes = EVENT.toBytes();

        assertThat(Arrays.copyOf(bytes, 5)).isEqualTo(new byte[] {'H', 'L', 'V', 'E', 1});
        assertThat(VerifiedEvent.FORM_VERSION).isEqualTo(1);
    }

    @Test
    void anythingElseIsRefusedWithoutQuotingIt() {
        byte[] bytes = EVENT.toBytes();
        byte[] future = bytes.clone();
        future[4] = 9;
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);

        assertThatThrownBy(() -> VerifiedEvent.fromBytes("not an event".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Not a stored verified event");
        assertThatThrownBy(() -> VerifiedEvent.fromBytes(future))
                .hasMessage("Unknown form version 9 of a stored verified event");
        assertThatThrownBy(() -> VerifiedEvent.fromBytes(truncated))
                .hasMessage("A stored verified event is truncated or corrupt");
        assertThatThrownBy(() -> VerifiedEvent.fromBytes(trailing))
                .hasMessage("A stored verified event has trailing bytes");
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] prefix = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> VerifiedEvent.fromBytes(prefix)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void toStringShowsNeitherBodyNorHeaderValues() {
        assertThat(EVENT.toString()).isEqualTo(
                "VerifiedEvent[endpoint=standard, provider=standard, type=user.created, id=msg_é✓, body=11 bytes]");
    }
}
