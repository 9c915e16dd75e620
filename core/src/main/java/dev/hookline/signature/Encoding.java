package dev.hookline.signature;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Strict, non-throwing decoders for the values found in signature headers, and the matching encoders. */
final class Encoding {

    /** Up to 18 digits always fits a long, and covers any plausible unix timestamp. */
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    private static final HexFormat HEX = HexFormat.of();

    private Encoding() {
    }

    /** The bytes of a hex string of exactly {@code 2 * length} digits, or null if it is anything else. */
    static byte[] hex(String value, int length) {
        if (value.length() != 2 * length) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!HexFormat.isHexDigit(value.charAt(i))) {
                return null;
            }
        }
        return HEX.parseHex(value);
    }

    /** Lower-case hex of {@code bytes}. */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * The bytes of canonical standard padded base64 that decodes to exactly {@code length} bytes, or null.
     * Canonical: the unused low bits of the last character are zero, as every encoder writes them. The JDK's
     * decoder ignores those bits, so without this check four different texts would pass for one signature.
     */
    static byte[] base64(String value, int length) {
        // padded base64 of n bytes is exactly 4 * ceil(n / 3) characters; reject anything else early
        if (value.length() != 4 * ((length + 2) / 3)) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(value);
            return decoded.length == length && Base64.getEncoder().encodeToString(decoded).equals(value)
                    ? decoded
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The unix seconds of {@code instant} as a header carries them: the only form {@link #timestamp(String)}
     * reads back.
     *
     * @throws IllegalArgumentException if {@code instant} is before the epoch, which no header can carry
     */
    static String timestamp(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0) {
            throw new IllegalArgumentException("A signing time before 1970-01-01T00:00:00Z cannot be sent");
        }
        return Long.toString(seconds);
    }

    /**
     * Whether {@code text} is well-formed UTF-16: every surrogate in a pair. Only such text has a UTF-8 form;
     * {@link String#getBytes} turns an unpaired surrogate into {@code '?'}, so two different ids would sign alike.
     */
    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative decimal of at most 18 ASCII digits, or -1 if the value is anything else. */
    static long timestamp(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_TIMESTAMP_DIGITS) {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
