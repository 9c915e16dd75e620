package dev.hookline.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.Ordered;

/**
 * Masks webhook secrets in Actuator's {@code configprops} and {@code env} endpoints, which show values in clear
 * once {@code management.endpoint.*.show-values} allows it. A value is masked when
 * <ul>
 *   <li>its key is an endpoint's {@code secrets} or one of its elements, or its {@code backfill.api-key}, however
 *       it is spelled: {@code hookline.endpoints.exa.secrets[0]}, {@code hookline.endpoints[exa].SECRETS},
 *       {@code HOOKLINE_ENDPOINTS_EXA_SECRETS_0_}, {@code hookline.endpoints.exa.backfill.apiKey},
 *       {@code HOOKLINE_ENDPOINTS_EXA_BACKFILL_APIKEY}; or</li>
 *   <li>it contains a configured secret or API key, whatever its key: the environment variable a
 *       {@code ${EXA_WEBHOOK_SECRET}} placeholder reads, or JSON that holds one.</li>
 * </ul>
 * Runs before every other sanitizing function, since the first one that changes a value has the last word.
 * Thread-safe.
 */
final class SecretSanitizingFunction implements SanitizingFunction, Ordered {

    /** What separates the elements of a key, in properties ({@code . [ ]}) and in environment variables ({@code _}). */
    private static final Pattern SEPARATORS = Pattern.compile("[._\\[\\]]+");

    private final Iterable<HooklineProperties> properties;

    /**
     * @param properties the bound Hookline properties (none while Hookline is not active), iterated on every call,
     *                   such as an {@code ObjectProvider}
     */
    SecretSanitizingFunction(Iterable<HooklineProperties> properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        return namesSecret(data.getKey()) || holdsSecret(data.getValue()) ? data.withSanitizedValue() : data;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * Whether the key is {@code hookline.endpoints.<name>.secrets}, possibly with an index, or
     * {@code hookline.endpoints.<name>.backfill.api-key}, in any relaxed form. The name may itself have several
     * elements, so the key is read from its end.
     *
     * @param key a property name as a property source or configprops spells it
     * @return whether the key names an endpoint's secrets
     */
    static boolean namesSecret(String key) {
        if (key == null) {
            return false;
        }
        List<String> elements = new ArrayList<>();
        for (String element : SEPARATORS.split(key.toLowerCase(Locale.ROOT))) {
            if (!element.isEmpty()) {
                elements.add(element);
            }
        }
        if (elements.size() < 4 || !elements.get(0).equals("hookline") || !elements.get(1).equals("endpoints")) {
            return false;
        }
        int last = elements.size() - 1;
        String tail = String.join(".", elements).replace("-", "");
        if (last >= 4 && (tail.endsWith(".backfill.apikey") || tail.endsWith(".backfill.api.key"))) {
            return true;
        }
        return elements.get(last).equals("secrets")
                || last >= 4 && elements.get(last - 1).equals("secrets") && isIndex(elements.get(last));
    }

    private static boolean isIndex(String element) {
        return element.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private boolean holdsSecret(Object value) {
        if (value == null) {
            return false;
        }
        String text = value.toString();
        for (HooklineProperties hookline : properties) {
            for (HooklineProperties.Endpoint endpoint : hookline.getEndpoints().values()) {
                for (String secret : endpoint.getSecrets()) {
                    if (contains(text, secret)) {
                        return true;
                    }
                }
                if (contains(text, endpoint.getBackfill().getApiKey())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(String text, String secret) {
        return secret != null && !secret.isBlank() && text.contains(secret);
    }
}
