package dev.hookline.servlet;

import dev.hookline.delivery.Reason;
import java.nio.charset.StandardCharsets;

/**
 * Writes an RFC 9457 problem details body for a {@link Reason}: {@code type}, {@code title},
 * {@code status}, {@code detail}, and the extension member {@code reason}.
 *
 * <p>Only the reason's code and description and the status go in: never a stack trace, a header value or
 * any part of the payload. Stateless; thread-safe.
 */
final class ProblemJson {

    /** The media type of a problem details body in JSON. */
    static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of the {@code type} URI: a stable URN per reason code. */
    static final String TYPE_PREFIX = "urn:hookline:reason:";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ProblemJson() {
    }

    /**
     * The problem body for a refused delivery.
     *
     * @param status the HTTP status
     * @param reason why
     * @return the body, UTF-8 JSON
     */
    static byte[] of(int status, Reason reason) {
        String code = reason.code();
        StringBuilder json = new StringBuilder(192);
        json.append("{\"type\":");
        string(json, isUrnSafe(code) ? TYPE_PREFIX + code : "about:blank");
        json.append(",\"title\":");
        string(json, title(status));
        json.append(",\"status\":").append(status);
        json.append(",\"detail\":");
        string(json, reason.description());
        json.append(",\"reason\":");
        string(json, code);
        json.append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The reason phrase of the statuses the adapter sends (RFC 9110). */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> throw new IllegalArgumentException("No problem title for status " + status);
        };
    }

    /** Whether a code can stand in a URN as it is: lower-case letters, digits, '_', '-' and '.'. */
    static boolean isUrnSafe(String code) {
        if (code == null || code.isEmpty()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /** Appends a JSON string literal; a null value is written as the empty string. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    case '\b' -> json.append("\\b");
                    case '\f' -> json.append("\\f");
                    default -> {
                        if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                            json.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                    .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
        }
        json.append('"');
    }
}
