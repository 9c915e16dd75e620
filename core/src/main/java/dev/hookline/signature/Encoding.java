package dev.hookline.signature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Strict, non-throwing decoders for the values found in signature headers, and the matching encoders. */
final class Encoding {

    /** Up to 18 digits always fits a long, and covers any plausible unix timestamp. */
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    private static final HexFormat HEX = HexFormat.of();

    private Encoding() {
    }

    /** The bytes of a hex string of exactly {@code 2 * length} digits, or null if it is anything else. */
    static byte[] hex(String value, int length) {
        return hex(value, 0, value.length(), length);
    }

    /**
     * The bytes of the hex digits {@code value[from, to)}, exactly {@code 2 * length} of them in either case,
     * or null if the range is anything else. Decodes in place, without copying the range out first.
     */
    static byte[] hex(String value, int from, int to, int length) {
        if (to - from != 2 * length) {
            return null;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int high = hexDigit(value.charAt(from + 2 * i));
            int low = hexDigit(value.charAt(from + 2 * i + 1));
            if ((high | low) < 0) {
                return null;
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    /**
     * Adds the bytes that {@code value[from, to)} spells in hex digits, already {@link #isHex checked}, to
     * {@code list}, made if it is null: a header's further signatures, decoded only when there are any.
     *
     * @return the list
     */
    static List<byte[]> addHex(List<byte[]> list, String value, int from, int to) {
        List<byte[]> added = list == null ? new ArrayList<>(2) : list;
        added.add(hex(value, from, to, (to - from) / 2));
        return added;
    }

    /**
     * Whether {@code value[from, to)} is exactly {@code 2 * length} hex digits, in either case: what
     * {@link #hex(String, int, int, int)} decodes, checked without decoding.
     */
    static boolean isHex(String value, int from, int to, int length) {
        if (to - from != 2 * length) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!HexFormat.isHexDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the {@code 2 * expected.length} hex digits of {@code value} from {@code from} on spell {@code expected},
     * read in place: every byte is compared, so the time taken does not depend on where they differ. A character
     * that is not a hex digit differs from any byte.
     */
    static boolean hexEquals(byte[] expected, String value, int from) {
        int difference = 0;
        for (int i = 0; i < expected.length; i++) {
            int decoded = hexDigit(value.charAt(from + 2 * i)) << 4 | hexDigit(value.charAt(from + 2 * i + 1));
            difference |= (expected[i] & 0xff) ^ decoded;
        }
        return difference == 0;
    }

    /**
     * The value of an ASCII hex digit, or -1: unlike {@link Character#digit}, no other script's digits. Looked up in
     * {@link HexFormat}'s table rather than tested by ranges: a signature's digits and letters come in no order a
     * branch could predict.
     */
    private static int hexDigit(char c) {
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }

    /** The first index in {@code value[from, to)} that is not whitespace, or {@code to}: what {@link String#strip} keeps. */
    static int skipWhitespace(String value, int from, int to) {
        while (from < to && Character.isWhitespace(value.charAt(from))) {
            from++;
        }
        return from;
    }

    /** The end of {@code value[from, to)} without trailing whitespace. */
    static int trimWhitespace(String value, int from, int to) {
        while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** The index of {@code c} in {@code value[from, to)}, or -1. */
    static int indexOf(String value, char c, int from, int to) {
        int found = value.indexOf(c, from);
        return found < to ? found : -1;
    }

    /** Lower-case hex of {@code bytes}. */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** {@link #base64(String, int, int, int)} of the whole {@code value}. */
    static byte[] base64(String value, int length) {
        return base64(value, 0, value.length(), length);
    }

    /**
     * The bytes of the canonical standard padded base64 {@code value[from, to)} if it decodes to exactly
     * {@code length} bytes, or null. Canonical: the unused low bits of the last character are zero, as every
     * encoder writes them. The JDK's strict decoder does the decoding, straight into the result array.
     */
    static byte[] base64(String value, int from, int to, int length) {
        // padded base64 of n bytes is exactly 4 * ceil(n / 3) characters; reject anything else early
        int encodedLength = to - from;
        if (encodedLength != 4 * ((length + 2) / 3)) {
            return null;
        }
        byte[] encoded = new byte[encodedLength];
        for (int i = 0; i < encodedLength; i++) {
            char c = value.charAt(from + i);
            if (c >= 0x80) {
                return null; // never base64
            }
            encoded[i] = (byte) c;
        }
        byte[] decoded = new byte[length];
        try {
            // throws when the input decodes to more than length bytes
            if (Base64.getDecoder().decode(encoded, decoded) != length) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        // canonical only: the JDK decoder ignores the unused low bits of the last character before the
        // padding, so without this check several different texts would pass for one signature
        int remainder = length % 3;
        if (remainder != 0) {
            int lastDataChar = encoded[encodedLength - 1 - (3 - remainder)];
            int unusedBits = remainder == 1 ? 0x0F : 0x03;
            if ((base64Digit(lastDataChar) & unusedBits) != 0) {
                return null;
            }
        }
        return decoded;
    }

    /** The 6-bit value of a character of the standard base64 alphabet the decoder has already accepted. */
    private static int base64Digit(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : 63;
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
        return timestamp(value, 0, value.length());
    }

    /** {@link #timestamp(String)} of {@code value[from, to)}. */
    static long timestamp(String value, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_TIMESTAMP_DIGITS) {
            return -1;
        }
        long result = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
