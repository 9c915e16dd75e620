package dev.hookline.samples.jetty;

import java.util.Map;
import java.util.Objects;

/**
 * The receiver's configuration, read from environment variables:
 * {@code HOST} (default 127.0.0.1: the demo secrets are public, so by default only this machine can reach the
 * receiver), {@code PORT} (default 8080; 0 for any free port), {@code EXA_WEBHOOK_SECRET},
 * {@code ENCRATA_WEBHOOK_SECRET} and {@code STANDARD_WEBHOOK_SECRET}. An unset or empty secret
 * variable falls back to a published demo secret.
 *
 * @param host the interface to listen on, such as {@code 127.0.0.1} or {@code 0.0.0.0} for every one
 * @param port the port to listen on; 0 for any free one
 * @param exa the Exa secret
 * @param encrata the Encrata secret
 * @param standard the Standard Webhooks secret
 */
public record ReceiverSettings(String host, int port, SecretSetting exa, SecretSetting encrata,
                               SecretSetting standard) {

    /** The interface listened on when {@code HOST} is not set: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The port used when {@code PORT} is not set. */
    public static final int DEFAULT_PORT = 8080;

    /** What Encrata issues: {@code whsec_} and 64 lower-case hex digits. */
    private static final java.util.regex.Pattern ENCRATA_SECRET = java.util.regex.Pattern.compile("whsec_[0-9a-f]{64}");

    /** The Exa demo secret; the default of {@code hookline send} too. */
    static final String DEMO_EXA_SECRET = "demo_exa_secret_not_for_production";
    /** The Encrata demo secret, in Encrata's {@code whsec_} + 64 hex form; the default of {@code hookline send} too. */
    static final String DEMO_ENCRATA_SECRET =
            "whsec_53749f97f61901362b51614eb1a07e74c44b5b98194ed8331a6b9ae914ba80e8";
    /** The Standard Webhooks demo secret, {@code whsec_} + base64; the default of {@code hookline send} too. */
    static final String DEMO_STANDARD_SECRET = "whsec_aG9va2xpbmUgZGVtbyBvbmx5IC0gbm90IHNlY3JldCE=";

    /** Checks the host, the port, that every secret is present and that the Encrata one has Encrata's form. */
    public ReceiverSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("HOST must name an interface, such as 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be between 0 and 65535, was " + port);
        }
        Objects.requireNonNull(exa, "exa");
        Objects.requireNonNull(encrata, "encrata");
        Objects.requireNonNull(standard, "standard");
        String encrataSecret = encrata.value();
        // a blank or padded secret is left to the secret check, which says exactly that
        if (!encrataSecret.isBlank() && encrataSecret.strip().equals(encrataSecret)
                && !ENCRATA_SECRET.matcher(encrataSecret).matches()) {
            throw new IllegalArgumentException(encrata.variable() + " must be 'whsec_' and 64 hex digits, as Encrata "
                    + "issues it");
        }
    }

    /**
     * Reads the settings from environment variables.
     *
     * @param environment the variables, such as {@link System#getenv()}
     * @return the settings
     * @throws IllegalArgumentException if {@code PORT} is not a port number, or the Encrata secret is not in
     *     Encrata's form
     */
    public static ReceiverSettings from(Map<String, String> environment) {
        String host = environment.get("HOST");
        return new ReceiverSettings(host == null || host.isBlank() ? DEFAULT_HOST : host.strip(),
                port(environment.get("PORT")),
                SecretSetting.read(environment, "EXA_WEBHOOK_SECRET", DEMO_EXA_SECRET),
                SecretSetting.read(environment, "ENCRATA_WEBHOOK_SECRET", DEMO_ENCRATA_SECRET),
                SecretSetting.read(environment, "STANDARD_WEBHOOK_SECRET", DEMO_STANDARD_SECRET));
    }

    private static int port(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number between 0 and 65535, was '" + text + "'");
        }
    }
}
