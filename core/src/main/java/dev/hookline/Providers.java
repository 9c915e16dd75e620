package dev.hookline;

import dev.hookline.encrata.EncrataEvents;
import dev.hookline.event.JsonEnvelope;
import dev.hookline.exa.ExaEvents;
import dev.hookline.signature.SignatureSchemes;
import java.time.Duration;

/** The built-in providers. */
public final class Providers {

    private static final Provider EXA = new Provider("exa", SignatureSchemes.exa(),
            JsonEnvelope.builder().idField("id").typeField("type").timeField("createdAt").dataField("data").build(),
            ExaEvents.catalog());

    /**
     * How old an Encrata event may be. Encrata signs the body alone, so without a limit a captured delivery could
     * be replayed forever. It retries failed deliveries with exponential backoff on an undocumented schedule; the
     * longest schedules in common use end within three days (Stripe's, the longest, retries for up to three
     * days), so three days admits every genuine retry while refusing older captures.
     */
    static final Duration ENCRATA_MAX_EVENT_AGE = Duration.ofDays(3);

    private static final Provider ENCRATA = new Provider("encrata", SignatureSchemes.encrata(),
            JsonEnvelope.builder().idFromBodyDigest().typeField("event").timeField("created_at").dataField("data").build(),
            EncrataEvents.catalog(), ENCRATA_MAX_EVENT_AGE);

    private static final Provider STANDARD_WEBHOOKS = new Provider("standard", SignatureSchemes.standardWebhooks(),
            JsonEnvelope.builder().idHeader("webhook-id").typeField("type").timeField("timestamp").dataField("data").build());

    private Providers() {
    }

    /**
     * Exa Websets: {@code Exa-Signature} over {@code t.body}; envelope {@code {id, object, type, data, createdAt}}.
     */
    public static Provider exa() {
        return EXA;
    }

    /**
     * Encrata: {@code X-Encrata-Signature} over the body; envelope {@code {event, data, created_at}}. The
     * envelope has no id, so the event id is the SHA-256 of the verified body. Nothing time-based is signed, so
     * endpoints refuse events whose {@code created_at} is more than three days from the time of receipt, in
     * either direction (see {@link WebhookEndpoint.Builder#maxEventAge}).
     */
    public static Provider encrata() {
        return ENCRATA;
    }

    /**
     * Standard Webhooks: {@code webhook-id}/{@code webhook-timestamp}/{@code webhook-signature}; envelope
     * {@code {type, timestamp, data}}, the event id from {@code webhook-id}. Event types are the
     * application's own, so the catalogue is empty.
     */
    public static Provider standardWebhooks() {
        return STANDARD_WEBHOOKS;
    }
}
