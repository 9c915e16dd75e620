package dev.hookline.signature;

import java.util.Objects;

/**
 * The one check every configured secret passes before it becomes a {@link SigningKey}: present, without
 * surrounding whitespace, in the scheme's form, and long enough. Each message names where the secret came from
 * (a setting, a variable, a position) and never contains the secret.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * The key for one configured secret.
     *
     * @param scheme the scheme the secret signs for
     * @param secret the secret as configured; may be null
     * @param source where it came from, for messages, such as {@code hookline.endpoints.exa.secrets[0]} or
     *     {@code EXA_WEBHOOK_SECRET}
     * @return the key
     * @throws IllegalArgumentException naming {@code source} if the secret is missing, blank, has surrounding
     *     whitespace, is not in the scheme's form, or gives a key shorter than {@link SigningKey#MIN_KEY_BYTES}
     */
    public static SigningKey key(SignatureScheme scheme, String secret, String source) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(source, "source");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(source + " is missing: set it to the signing secret the sender issued");
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException(source + " is blank: set it to the signing secret the sender issued");
        }
        if (!secret.strip().equals(secret)) {
            // almost always a stray newline from a file or an environment variable: it would never match
            throw new IllegalArgumentException(source + " has leading or trailing whitespace");
        }
        try {
            return scheme.key(secret);
        } catch (IllegalArgumentException e) {
            // the scheme's message never holds the secret; its cause might, so it is not kept
            throw new IllegalArgumentException(source + " is not a valid secret for " + scheme + ": " + e.getMessage());
        }
    }
}
