package dev.hookline.cli;

import dev.hookline.signature.SignatureScheme;
import dev.hookline.signature.SignatureSchemes;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The providers {@code send} can imitate, with how each signs and where the sample receiver listens. */
public enum SampleProvider {

    /** Exa Websets: {@code Exa-Signature: t=...,v1=...}; the envelope carries an event {@code id}. */
    EXA("exa", SignatureSchemes.exa(), "EXA_WEBHOOK_SECRET", DemoSecrets.EXA, "webset.item.created", true),

    /** Encrata: {@code X-Encrata-Signature} over the body alone; no id and no signed time. */
    ENCRATA("encrata", SignatureSchemes.encrata(), "ENCRATA_WEBHOOK_SECRET", DemoSecrets.ENCRATA,
            "lookup.completed", false),

    /** Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}. */
    STANDARD("standard", SignatureSchemes.standardWebhooks(), "STANDARD_WEBHOOK_SECRET", DemoSecrets.STANDARD,
            "webset.item.created", true),

    /** Svix: Standard Webhooks under {@code svix-id}, {@code svix-timestamp}, {@code svix-signature}. */
    SVIX("svix", SignatureSchemes.svix(), "SVIX_WEBHOOK_SECRET", DemoSecrets.STANDARD, "webset.item.created", true),

    /** Stripe: {@code Stripe-Signature: t=...,v1=...}; the envelope {@code {id, object, type, created, data}}. */
    STRIPE("stripe", SignatureSchemes.stripe(), "STRIPE_WEBHOOK_SECRET", DemoSecrets.STRIPE, "webset.item.created", true),

    /** GitHub: {@code X-Hub-Signature-256} over the body; the type and id in unsigned headers. */
    GITHUB("github", SignatureSchemes.github(), "GITHUB_WEBHOOK_SECRET", DemoSecrets.GITHUB, "webset.item.created",
            false);

    private final String id;
    private final SignatureScheme scheme;
    private final String secretVariable;
    private final String demoSecret;
    private final String defaultEvent;
    private final boolean signsTimestamp;

    SampleProvider(String id, SignatureScheme scheme, String secretVariable, String demoSecret,
                   String defaultEvent, boolean signsTimestamp) {
        this.id = id;
        this.scheme = scheme;
        this.secretVariable = secretVariable;
        this.demoSecret = demoSecret;
        this.defaultEvent = defaultEvent;
        this.signsTimestamp = signsTimestamp;
    }

    /**
     * The provider with the given command-line name.
     *
     * @param id {@code exa}, {@code encrata}, {@code standard}, {@code svix}, {@code stripe} or {@code github}, in
     *     any case
     * @return the provider, or empty if there is none of that name
     */
    public static Optional<SampleProvider> byId(String id) {
        for (SampleProvider provider : values()) {
            if (provider.id.equals(id.toLowerCase(Locale.ROOT))) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    /** The name on the command line, in the receiver's path and in its output lines. */
    public String id() {
        return id;
    }

    /** How deliveries are signed. */
    public SignatureScheme scheme() {
        return scheme;
    }

    /** The environment variable the receiver reads this provider's secret from. */
    public String secretVariable() {
        return secretVariable;
    }

    /** The secret used when none is given: the variable's value if set, else the demo secret. */
    public String defaultSecret(Map<String, String> environment) {
        String configured = environment.get(secretVariable);
        return configured == null || configured.isEmpty() ? demoSecret : configured;
    }

    /** The demo secret the sample receiver also falls back to. */
    public String demoSecret() {
        return demoSecret;
    }

    /** The event sent when none is named. */
    public String defaultEvent() {
        return defaultEvent;
    }

    /**
     * Whether this provider has no sample payloads of its own and sends the data of Exa's or Encrata's (Standard
     * Webhooks, Svix, Stripe and GitHub carry the application's own events).
     */
    public boolean borrowsPayloads() {
        return this != EXA && this != ENCRATA;
    }

    /** Whether the signature covers a timestamp, so that an old one can be refused. */
    public boolean signsTimestamp() {
        return signsTimestamp;
    }

    /** Where the sample receiver, on its default port, takes this provider's deliveries. */
    public URI defaultUrl() {
        return URI.create("http://localhost:8080/webhooks/" + id);
    }
}
