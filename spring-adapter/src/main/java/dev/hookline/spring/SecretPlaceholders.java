package dev.hookline.spring;

import java.util.Optional;

/**
 * Refuses a secret that still holds a property placeholder such as {@code ${EXA_WEBHOOK_SECRET}}. Spring leaves a
 * placeholder it cannot resolve as it is, so without this check the placeholder's own text would become the
 * secret, and anyone who read the configuration could sign deliveries.
 *
 * <p>Any {@code ${...}} left in a secret counts, also inside other text and nested ones: a placeholder whose
 * default resolved (such as {@code ${X:}}) is no longer there. A secret issued by a sender never holds {@code ${...}}.
 */
final class SecretPlaceholders {

    private SecretPlaceholders() {
    }

    /**
     * Refuses the secret when it holds an unresolved placeholder.
     *
     * @param property the secret's full property name, such as {@code hookline.endpoints.exa.secrets[0]}
     * @param secret the secret as bound, never put in the message
     * @throws WebhookConfigurationException naming the property and the placeholder's variable
     */
    static void requireResolved(String property, String secret) {
        requireResolved(property, secret, "the signing secret the sender issued");
    }

    /**
     * Refuses a secret of another kind, such as an API key, when it holds an unresolved placeholder.
     *
     * @param property the secret's full property name
     * @param secret the secret as bound, never put in the message
     * @param what what the variable should hold, such as {@code the Exa API key}
     * @throws WebhookConfigurationException naming the property and the placeholder's variable
     */
    static void requireResolved(String property, String secret, String what) {
        Optional<String> unresolved = unresolvedName(secret);
        if (unresolved.isEmpty()) {
            return;
        }
        String name = unresolved.get();
        if (name.isBlank()) {
            throw new WebhookConfigurationException(property + " holds a placeholder without a name",
                    "Name the environment variable that holds the secret, such as ${EXA_WEBHOOK_SECRET}.");
        }
        throw new WebhookConfigurationException(property + " refers to " + name + ", which is not set",
                "Set the environment variable " + name + " (or a property of that name) to " + what + ".");
    }

    /**
     * The variable named by the first innermost {@code ${...}} in the value (the text before a {@code :} default),
     * or empty when the value holds none. In {@code ${A:${B}}} that is {@code B}: Spring had already found no
     * {@code A} and fell back to the default.
     *
     * @param value a secret as bound
     * @return the variable's name, empty for {@code ${}}; or empty when no placeholder is left
     */
    static Optional<String> unresolvedName(String value) {
        for (int end = value.indexOf('}'); end >= 0; end = value.indexOf('}', end + 1)) {
            int start = value.lastIndexOf("${", end);
            if (start >= 0 && value.indexOf('}', start) == end) {
                String content = value.substring(start + 2, end);
                int colon = content.indexOf(':');
                return Optional.of(colon < 0 ? content : content.substring(0, colon));
            }
        }
        return Optional.empty();
    }
}
