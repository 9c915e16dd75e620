package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.NOW;
import static dev.hookline.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hookline.Delivery;
import dev.hookline.Headers;
import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.signature.WebhookSigner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A flood of distinct, authentic events through one endpoint: its deduplicator never remembers more ids than
 * its limit, forgets the oldest first, and still recognises the recent ones. The time bound only guards
 * against a hang.
 */
class DeduplicationFloodTest {

    private static final int DELIVERIES = 200_000;
    private static final int MAX_ENTRIES = 1_000;

    @Test
    void twoHundredThousandUniqueEventsNeverGrowTheDeduplicatorPastItsLimit() {
        Scheme scheme = Scheme.EXA;
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.builder()
                .maxEntries(MAX_ENTRIES)
                .clock(Hostile.CLOCK)
                .build();
        WebhookEndpoint endpoint = Hostile.endpoint(scheme, deduplicator, null);
        WebhookSigner signer = scheme.signer();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < DELIVERIES; i++) {
                Outcome outcome = endpoint.receive(delivery(signer, i));
                if (outcome.status() != Outcome.Status.ACCEPTED) {
                    throw new AssertionError("delivery " + i + ": " + outcome);
                }
                if (i % 997 == 0 || i >= DELIVERIES - 2) {
                    assertThat(deduplicator.completedCount()).as("after delivery %d", i)
                            .isEqualTo(Math.min(i + 1, MAX_ENTRIES));
                    assertThat(deduplicator.inFlightCount()).as("after delivery %d", i).isZero();
                }
            }
        });

        assertThat(endpoint.receive(delivery(signer, DELIVERIES - 1)).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(endpoint.receive(delivery(signer, DELIVERIES - MAX_ENTRIES)).status())
                .isEqualTo(Outcome.Status.DUPLICATE);
        // one just older than the remembered window was forgotten: it is handled again
        assertThat(endpoint.receive(delivery(signer, DELIVERIES - MAX_ENTRIES - 1)).status())
                .isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(endpoint.receive(delivery(signer, 0)).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(deduplicator.completedCount()).isEqualTo(MAX_ENTRIES);
    }

    private static Delivery delivery(WebhookSigner signer, int n) {
        byte[] body = utf8("{\"id\":\"evt_" + n + "\",\"object\":\"event\",\"type\":\"webset.created\","
                + "\"data\":{\"id\":\"ws_" + n + "\"},\"createdAt\":\"2026-05-02T12:00:00Z\"}");
        Headers headers = signer.headers(body, NOW, null);
        return Delivery.of(headers, body);
    }
}
