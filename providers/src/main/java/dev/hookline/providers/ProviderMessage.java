package dev.hookline.providers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Finds the provider's own explanation in an error answer. Neither provider documents the shape of its errors,
 * so the usual places are tried in turn: {@code message}, {@code error} (a string, or an object with a
 * {@code message} or {@code description}), {@code error_description}, {@code detail}, {@code title}, and the
 * first of {@code errors}. A short plain-text body is taken as it is.
 *
 * <p>What is found is cleaned before it reaches an exception: control characters become spaces, it is cut to
 * {@value #MAX_LENGTH} characters, and the API key or anything shaped like a webhook secret is masked, in case
 * the provider echoed one.
 */
final class ProviderMessage {

    static final int MAX_LENGTH = 200;

    private static final List<String> FIELDS = List.of("message", "error", "error_description", "detail", "title",
            "errors");
    private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=_-]+");
    private static final String MASK = "[masked]";

    private ProviderMessage() {
    }

    /**
     * The explanation in an error answer.
     *
     * @param body the answer's body
     * @param contentType its {@code Content-Type}, or null
     * @param mapper reads JSON
     * @param apiKey the key the call was made with, masked wherever it appears
     * @return the explanation, cleaned; null when there is none
     */
    static String read(byte[] body, String contentType, ObjectMapper mapper, String apiKey) {
        if (body == null || body.length == 0) {
            return null;
        }
        String found = null;
        try {
            found = find(mapper.readTree(body), 0);
        } catch (JacksonException e) {
            if (contentType != null && contentType.startsWith("text/plain") && body.length <= 4 * MAX_LENGTH) {
                found = new String(body, StandardCharsets.UTF_8);
            }
        }
        return found == null ? null : clean(found, apiKey);
    }

    private static String find(JsonNode node, int depth) {
        if (node == null || depth > 3) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue().isBlank() ? null : node.stringValue();
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : find(node.get(0), depth + 1);
        }
        if (!node.isObject()) {
            return null;
        }
        for (String field : FIELDS) {
            String found = find(node.get(field), depth + 1);
            if (found != null) {
                return found;
            }
        }
        return depth > 0 ? find(node.get("description"), depth + 1) : null;
    }

    static String clean(String text, String apiKey) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c);
            if (blank) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        String cleaned = out.toString();
        if (apiKey != null && !apiKey.isEmpty()) {
            cleaned = cleaned.replace(apiKey, MASK);
        }
        cleaned = SECRET.matcher(cleaned).replaceAll(MASK);
        if (cleaned.length() > MAX_LENGTH) {
            int end = MAX_LENGTH;
            if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
                end--;
            }
            cleaned = cleaned.substring(0, end) + "...";
        }
        return cleaned.isEmpty() ? null : cleaned;
    }
}
