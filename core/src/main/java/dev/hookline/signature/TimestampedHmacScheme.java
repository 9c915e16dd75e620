package dev.hookline.signature;

import dev.hookline.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <Header>: t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, HMAC-SHA256 over {@code "<t>." + body}:
 * the form Exa and Stripe use.
 */
final class TimestampedHmacScheme implements SignatureScheme {

    private static final int SHA256_BYTES = 32;

    private final String header;

    TimestampedHmacScheme(String header) {
        this.header = header;
    }

    @Override
    public void verify(Headers headers, byte[] body, VerificationContext context)
            throws SignatureVerificationException {
        List<String> values = headers.all(header);
        if (values.isEmpty()) {
            throw new SignatureVerificationException(SignatureFailure.MISSING_SIGNATURE);
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>(2);
        for (String value : values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String part = value.substring(start, end).strip();
                start = end + 1;
                if (part.isEmpty()) {
                    continue;
                }
                int equals = part.indexOf('=');
                if (equals <= 0) {
                    throw malformed();
                }
                String key = part.substring(0, equals).strip();
                String element = part.substring(equals + 1).strip();
                if (key.equals("t")) {
                    if (timestamp != null) {
                        throw malformed();
                    }
                    timestamp = element;
                } else if (key.equals("v1")) {
                    byte[] signature = Encoding.hex(element, SHA256_BYTES);
                    if (signature == null) {
                        throw malformed();
                    }
                    signatures.add(signature);
                }
                // any other key (v0, a future scheme) is ignored
            }
        }
        if (timestamp == null) {
            throw malformed();
        }
        long seconds = Encoding.timestamp(timestamp);
        if (seconds < 0) {
            throw malformed();
        }
        byte[] prefix = (timestamp + '.').getBytes(StandardCharsets.US_ASCII);
        if (!context.anyMatches(signatures, prefix, body)) {
            throw new SignatureVerificationException(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
        context.checkTimestamp(seconds);
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
