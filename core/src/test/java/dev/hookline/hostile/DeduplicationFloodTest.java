package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.NOW;
import static dev.hookline.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.dedupe.MutableClock;
import dev.hookline.delivery.Delivery;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.signature.WebhookSigner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A flood of distinct, authentic events through one endpoint: its deduplicator never remembers more events than
 * its limit, forgets only events whose deliveries could no longer be replayed (the oldest first), and answers
 * busy rather than forget one that could. The time bound only guards against a hang.
 */
class DeduplicationFloodTest {

    private static final int DELIVERIES = 200_000;
    private static final int MAX_ENTRIES = 1_000;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryDeduplicator deduplicator = InMemoryDeduplicator.builder()
            .maxEntries(MAX_ENTRIES)
            .clock(clock)
            .build();
    private final WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa())
            .secret(Scheme.EXA.secret)
            .clock(clock)
            .deduplicator(deduplicator)
            .duplicateWait(Duration.ZERO)
            .onAny(event -> { })
            .build();
    private final WebhookSigner signer = WebhookSigner.of(Providers.exa().scheme(), Scheme.EXA.secret, clock);

    @Test
    void twoHundredThousandUniqueEventsArrivingOnePerSecondNeverGrowTheDeduplicatorPastItsLimit() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < DELIVERIES; i++) {
                Outcome outcome = endpoint.receive(delivery(i));
                if (outcome.status() != Outcome.Status.ACCEPTED) {
                    throw new AssertionError("delivery " + i + ": " + outcome);
                }
                if (i % 997 == 0 || i >= DELIVERIES - 2) {
                    assertThat(deduplicator.completedCount()).as("after delivery %d", i)
                            .isEqualTo(Math.min(i + 1, MAX_ENTRIES));
                    assertThat(deduplicator.inFlightCount()).as("after delivery %d", i).isZero();
                }
                clock.advance(Duration.ofSeconds(1));
            }
        });

        assertThat(endpoint.receive(delivery(DELIVERIES - 1)).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(endpoint.receive(delivery(DELIVERIES - MAX_ENTRIES)).status()).isEqualTo(Outcome.Status.DUPLICATE);
        // one just older than the remembered ones was forgotten: it is handled again
        assertThat(endpoint.receive(delivery(DELIVERIES - MAX_ENTRIES - 1)).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(deduplicator.completedCount()).isEqualTo(MAX_ENTRIES);
    }

    @Test
    void aFloodWithinTheReplayWindowIsAnsweredBusyOnceFullAndForgetsNothing() {
        for (int i = 0; i < MAX_ENTRIES; i++) {
            assertThat(endpoint.receive(delivery(i)).status()).isEqualTo(Outcome.Status.ACCEPTED);
        }

        Outcome overflow = endpoint.receive(delivery(MAX_ENTRIES));
        assertThat(overflow.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(overflow.reason()).isEqualTo(DeliveryFailure.BUSY);
        // every delivery accepted so far could still be replayed (signed within the last five minutes): none forgotten
        assertThat(endpoint.receive(delivery(0)).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(deduplicator.completedCount()).isEqualTo(MAX_ENTRIES);

        // past twice the tolerance no replay of them can pass the timestamp check, so they may make room
        clock.advance(Duration.ofMinutes(10));
        assertThat(endpoint.receive(delivery(MAX_ENTRIES)).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(deduplicator.completedCount()).isEqualTo(MAX_ENTRIES);
    }

    /** Event {@code n}, signed now by the test's clock. */
    private Delivery delivery(int n) {
        byte[] body = utf8("{\"id\":\"evt_" + n + "\",\"object\":\"event\",\"type\":\"webset.created\","
                + "\"data\":{\"id\":\"ws_" + n + "\"},\"createdAt\":\"2026-05-02T12:00:00Z\"}");
        return Delivery.of(signer.headers(body, clock.instant(), null), body);
    }
}
