package dev.hookline.signature;

import dev.hookline.delivery.Headers;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code <Header>: <prefix><hex>}, HMAC-SHA256 over the body alone: the form Encrata ({@code X-Encrata-Signature},
 * no prefix) and GitHub ({@code X-Hub-Signature-256}, prefix {@code sha256=}) use. Nothing time-based is signed.
 */
final class HexHmacScheme implements SignatureScheme {

    private static final int SHA256_BYTES = 32;

    private final String header;
    /** The header name as {@link Headers} keys it, lower-cased once here instead of on every lookup. */
    private final String headerKey;
    private final String prefix;

    HexHmacScheme(String header, String prefix) {
        this.header = header;
        this.headerKey = header.toLowerCase(Locale.ROOT);
        this.prefix = prefix;
    }

    @Override
    public void verify(Headers headers, byte[] body, VerificationContext context)
            throws SignatureVerificationException {
        List<String> values = headers.all(headerKey);
        if (values.isEmpty()) {
            throw new SignatureVerificationException(SignatureFailure.MISSING_SIGNATURE);
        }
        // the first value's signature is compared where it stands; any further one is decoded
        String first = null;
        int firstFrom = 0;
        List<byte[]> others = null;
        for (String value : values) {
            // the stripped value[from, to), read in place after the prefix
            int from = Encoding.skipWhitespace(value, 0, value.length());
            int to = Encoding.trimWhitespace(value, from, value.length());
            int digits = from + prefix.length();
            if (to - from < prefix.length() || !value.startsWith(prefix, from)
                    || !Encoding.isHex(value, digits, to, SHA256_BYTES)) {
                throw new SignatureVerificationException(SignatureFailure.MALFORMED_SIGNATURE);
            }
            if (first == null) {
                first = value;
                firstFrom = digits;
            } else {
                others = Encoding.addHex(others, value, digits, to);
            }
        }
        if (!context.anyMatches(first, firstFrom, others, null, body)) {
            throw new SignatureVerificationException(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
    }

    @Override
    public Map<String, String> sign(byte[] body, SigningKey key, Instant timestamp, String messageId) {
        return Map.of(header, prefix + Encoding.hex(key.mac(body)));
    }

    @Override
    public String toString() {
        return "HexHmacScheme[" + header + "]";
    }
}
