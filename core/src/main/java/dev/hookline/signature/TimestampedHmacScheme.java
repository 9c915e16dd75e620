package dev.hookline.signature;

import dev.hookline.delivery.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code <Header>: t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, HMAC-SHA256 over {@code "<t>." + body}:
 * the form Exa and Stripe use.
 */
final class TimestampedHmacScheme implements SignatureScheme {

    private static final int SHA256_BYTES = 32;

    private final String header;
    /** The header name as {@link Headers} keys it, lower-cased once here instead of on every lookup. */
    private final String headerKey;

    TimestampedHmacScheme(String header) {
        this.header = header;
        this.headerKey = header.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the header in place, by index: no substring is made of any element, the first signature is compared
     * where it stands in the header value (any further one is decoded from it) and the signed prefix is the
     * timestamp's digits and a dot.
     */
    @Override
    public void verify(Headers headers, byte[] body, VerificationContext context)
            throws SignatureVerificationException {
        List<String> values = headers.all(headerKey);
        if (values.isEmpty()) {
            throw new SignatureVerificationException(SignatureFailure.MISSING_SIGNATURE);
        }
        String timestampValue = null;
        int timestampFrom = 0;
        int timestampTo = 0;
        String firstSignature = null;
        int firstSignatureFrom = 0;
        List<byte[]> otherSignatures = null;
        for (String value : values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                // the element value[from, to), stripped
                int from = Encoding.skipWhitespace(value, start, end);
                int to = Encoding.trimWhitespace(value, from, end);
                start = end + 1;
                if (from == to) {
                    continue;
                }
                int equals = Encoding.indexOf(value, '=', from, to);
                if (equals <= from) {
                    throw malformed();
                }
                int keyTo = Encoding.trimWhitespace(value, from, equals);
                int elementFrom = Encoding.skipWhitespace(value, equals + 1, to);
                if (keyTo - from == 1 && value.charAt(from) == 't') {
                    if (timestampValue != null) {
                        throw malformed();
                    }
                    timestampValue = value;
                    timestampFrom = elementFrom;
                    timestampTo = to;
                } else if (keyTo - from == 2 && value.charAt(from) == 'v' && value.charAt(from + 1) == '1') {
                    if (!Encoding.isHex(value, elementFrom, to, SHA256_BYTES)) {
                        throw malformed();
                    }
                    if (firstSignature == null) {
                        firstSignature = value;
                        firstSignatureFrom = elementFrom;
                    } else {
                        otherSignatures = Encoding.addHex(otherSignatures, value, elementFrom, to);
                    }
                }
                // any other key (v0, a future scheme) is ignored
            }
        }
        if (timestampValue == null) {
            throw malformed();
        }
        long seconds = Encoding.timestamp(timestampValue, timestampFrom, timestampTo);
        if (seconds < 0) {
            throw malformed();
        }
        // "<t>.": the timestamp exactly as sent (ASCII digits, checked above), then a dot
        byte[] prefix = new byte[timestampTo - timestampFrom + 1];
        for (int i = timestampFrom; i < timestampTo; i++) {
            prefix[i - timestampFrom] = (byte) timestampValue.charAt(i);
        }
        prefix[prefix.length - 1] = '.';
        if (!context.anyMatches(firstSignature, firstSignatureFrom, otherSignatures, prefix, body)) {
            throw new SignatureVerificationException(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
        context.checkTimestamp(seconds);
    }

    @Override
    public boolean signsTimestamp() {
        return true;
    }

    @Override
    public Map<String, String> sign(byte[] body, SigningKey key, Instant timestamp, String messageId) {
        String t = Encoding.timestamp(timestamp);
        byte[] mac = key.mac((t + '.').getBytes(StandardCharsets.US_ASCII), body);
        return Map.of(header, "t=" + t + ",v1=" + Encoding.hex(mac));
    }

    private static SignatureVerificationException malformed() {
        return new SignatureVerificationException(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Override
    public String toString() {
        return "TimestampedHmacScheme[" + header + "]";
    }
}
