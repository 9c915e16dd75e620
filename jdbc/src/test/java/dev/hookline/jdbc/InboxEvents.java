package dev.hookline.jdbc;

import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Exa events and endpoints for the inbox tests, and waiting on a condition with a deadline. */
final class InboxEvents {

    static final String SECRET = "inbox_test_secret_8d41c7";
    /** In every body, so that tests can prove no payload reaches a row's error or a message. */
    static final String PAYLOAD_MARKER = "payload-marker-inbox-73a2";

    private InboxEvents() {
    }

    /** An Exa {@code webset.created} event body. */
    static byte[] body(String id) {
        return ("{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"webset.created\",\"data\":{\"id\":\"webset_1\","
                + "\"object\":\"webset\",\"note\":\"" + PAYLOAD_MARKER + "\"},\"createdAt\":\"2026-05-02T11:59:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A verified Exa event of endpoint {@code endpoint}, as the accept stage makes it. */
    static VerifiedEvent event(String endpoint, String id) {
        return new VerifiedEvent(endpoint, "exa", id, "webset.created", Instant.parse("2026-05-02T11:59:00Z"),
                Instant.now(), null, Headers.empty(), body(id));
    }

    /** A signed delivery of {@link #body(String)}, signed now. */
    static Delivery delivery(String id) {
        byte[] body = body(id);
        return Delivery.of(WebhookSigner.of(Providers.exa().scheme(), SECRET).headers(body, Instant.now(), null), body);
    }

    /** An Exa endpoint for the inbox: no deduplicator of its own, a short handler budget. */
    static WebhookEndpoint.Builder endpoint(String name) {
        return WebhookEndpoint.builder(Providers.exa()).name(name).secret(SECRET)
                .deduplicator(Deduplicator.none()).handlerTimeout(Duration.ofSeconds(5));
    }

    /** Waits until {@code condition} holds, checking every 10 ms, or fails after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
