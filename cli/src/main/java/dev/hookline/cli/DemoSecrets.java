package dev.hookline.cli;

/**
 * The secrets the sample receiver and {@code hookline send} fall back to when none is configured, so the two work
 * together with no set-up. They are published in the README: never use them for a real endpoint.
 */
public final class DemoSecrets {

    /** Exa signs with the secret string's UTF-8 bytes as they are. */
    public static final String EXA = "demo_exa_secret_not_for_production";

    /** Encrata secrets are {@code whsec_} and 64 hex digits; the whole string is the key. */
    public static final String ENCRATA = "whsec_53749f97f61901362b51614eb1a07e74c44b5b98194ed8331a6b9ae914ba80e8";

    /** Standard Webhooks secrets are {@code whsec_} and the base64 of the key bytes (32 here). */
    public static final String STANDARD = "whsec_aG9va2xpbmUgZGVtbyBvbmx5IC0gbm90IHNlY3JldCE=";

    /** The Stripe demo secret: Stripe's {@code whsec_} form, used as it is. */
    public static final String STRIPE = "whsec_stripe_demo_secret_not_for_production";

    /** The GitHub demo secret, used as it is. */
    public static final String GITHUB = "github_demo_secret_not_for_production";

    private DemoSecrets() {
    }
}
