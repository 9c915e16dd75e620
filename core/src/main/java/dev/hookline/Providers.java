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

    private static final Provider SVIX = new Provider("svix", SignatureSchemes.svix(),
            JsonEnvelope.builder().idHeader("svix-id").typeField("type").dataField("data").build());

    private static final Provider STRIPE = new Provider("stripe", SignatureSchemes.stripe(),
            JsonEnvelope.builder().idField("id").typeField("type").timeField("created").dataField("data").build());

    private static final Provider GITHUB = new Provider("github", SignatureSchemes.github(),
            JsonEnvelope.builder().idHeader("X-GitHub-Delivery").typeHeader("X-GitHub-Event")
                    .typeQualifierField("action").wholeBodyAsData().trustUnsignedHeaders().build());

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

    /**
     * Svix (Clerk, Resend and other Svix customers): Standard Webhooks under {@code svix-} headers; envelope
     * {@code {type, data}}, the event id from {@code svix-id}. Event types are the sender's own: the catalogue is
     * open.
     */
    public static Provider svix() {
        return SVIX;
    }

    /**
     * Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>} over {@code t.body}, five minutes' tolerance; envelope
     * {@code {id, object: "event", type, created, data: {object, previous_attributes}}}. Hookline ships no Stripe
     * model: bind {@code data} to {@link dev.hookline.stripe.StripeData StripeData&lt;YourClass&gt;} in a listener
     * parameter, or read {@code event.data().get("object")}. Stripe's hundreds of types make the catalogue open.
     */
    public static Provider stripe() {
        return STRIPE;
    }

    /**
     * GitHub: {@code X-Hub-Signature-256: sha256=<hex>} over the body. The type is {@code X-GitHub-Event}, qualified
     * by the body's {@code action} ({@code pull_request.opened}; handlers of the bare {@code pull_request} receive it
     * too), the id {@code X-GitHub-Delivery}, and the data the whole body. GitHub signs neither header, so the
     * provider trusts them on purpose: anyone holding one captured delivery can replay it under a new delivery id or
     * event name (its handlers run again), but cannot change its body, and since deduplication keys on the delivery
     * id together with the body's digest, cannot suppress a genuine delivery either.
     */
    public static Provider github() {
        return GITHUB;
    }
}
