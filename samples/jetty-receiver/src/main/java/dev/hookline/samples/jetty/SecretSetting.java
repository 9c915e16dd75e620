package dev.hookline.samples.jetty;

import java.util.Map;
import java.util.Objects;

/**
 * One provider's secret as configured: from its environment variable, or the demo fallback.
 * {@link #toString()} never shows the value.
 *
 * @param variable the environment variable it is read from
 * @param value the secret
 * @param demo whether the variable was unset and the published demo secret is in use
 */
public record SecretSetting(String variable, String value, boolean demo) {

    /** Checks that both strings are present. */
    public SecretSetting {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
    }

    /**
     * The secret from {@code variable} in {@code environment}, or {@code demoSecret} if it is unset or empty.
     *
     * @param environment the environment variables
     * @param variable the variable to read
     * @param demoSecret the fallback
     * @return the setting
     */
    static SecretSetting read(Map<String, String> environment, String variable, String demoSecret) {
        String value = environment.get(variable);
        return value == null || value.isEmpty()
                ? new SecretSetting(variable, demoSecret, true)
                : new SecretSetting(variable, value, false);
    }

    /**
     * A line for the start-up output: the demo secret itself, labelled as such, or only where a secret
     * from the environment came from.
     */
    public String notice() {
        return demo
                ? "DEMO ONLY - " + variable + " not set, using demo secret: " + value
                : variable + " is set: using the secret from the environment";
    }

    @Override
    public String toString() {
        return "SecretSetting[" + variable + (demo ? ", demo" : ", from the environment") + "]";
    }
}
