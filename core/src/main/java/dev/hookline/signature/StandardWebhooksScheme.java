package dev.hookline.signature;

import dev.hookline.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
 * (space-separated {@code v1,<base64>} entries), HMAC-SHA256 over {@code "<id>.<timestamp>." + body},
 * keyed with the base64 secret after its {@code whsec_} prefix.
 */
final class StandardWebhooksScheme implements SignatureScheme {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";
    private static final int SHA256_BYTES = 32;

    @Override
    public SigningKey key(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("A signing secret must not be empty");
        }
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // the decoder's message may quote the offending character of the secret: do not chain it
            throw new IllegalArgumentException("A Standard Webhooks secret must be base64, optionally after 'whsec_'");
        }
        return SigningKey.hmacSha256(keyBytes);
    }

    @Override
    public void verify(Headers headers, byte[] body, VerificationContext context)
            throws SignatureVerificationException {
        List<String> signatureValues = headers.all(SIGNATURE);
        if (signatureValues.isEmpty() || !headers.contains(ID) || !headers.contains(TIMESTAMP)) {
            // the id and the timestamp are as much a part of the signature as the signature header itself
            throw new SignatureVerificationException(SignatureFailure.MISSING_SIGNATURE);
        }
        String id = single(headers, ID);
        String timestamp = single(headers, TIMESTAMP);
        long seconds = Encoding.timestamp(timestamp);
        if (id.isEmpty() || !Encoding.isWellFormed(id) || seconds < 0) {
            // an unpaired surrogate has no UTF-8 form: encoding it would sign a '?' that the id does not hold
            throw malformed();
        }
        List<byte[]> signatures = new ArrayList<>(2);
        for (String value : signatureValues) {
            int start = 0;
            while (start < value.length()) {
                if (Character.isWhitespace(value.charAt(start))) {
                    start++;
                    continue;
                }
                int end = start;
                while (end < value.length() && !Character.isWhitespace(value.charAt(end))) {
                    end++;
                }
                String entry = value.substring(start, end);
                start = end;
                int comma = entry.indexOf(',');
                if (comma <= 0) {
                    throw malformed();
                }
                if (entry.startsWith("v1,")) {
                    byte[] signature = Encoding.base64(entry.substring(comma + 1), SHA256_BYTES);
                    if (signature == null) {
                        throw malformed();
                    }
                    signatures.add(signature);
                }
                // other versions, such as the asymmetric v1a, are ignored
            }
        }
        byte[] prefix = (id + '.' + timestamp + '.').getBytes(StandardCharsets.UTF_8);
        if (!context.anyMatches(signatures, prefix, body)) {
            throw new SignatureVerificationException(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
        context.checkTimestamp(seconds);
    }

    private static String single(Headers headers, String name) throws SignatureVerificationException {
        List<String> values = headers.all(name);
        if (values.size() != 1) {
            throw malformed();
        }
        return values.get(0).strip();
    }

    @Override
    public Map<String, String> sign(byte[] body, SigningKey key, Instant timestamp, String messageId) {
        if (messageId == null || messageId.isEmpty()) {
            throw new IllegalArgumentException("Standard Webhooks signatures need a message id");
        }
        if (!messageId.equals(messageId.strip())) {
            // whitespace around a header value does not survive transport (and verify strips it)
            throw new IllegalArgumentException("A Standard Webhooks message id must not start or end with whitespace");
        }
        if (!Encoding.isWellFormed(messageId)) {
            throw new IllegalArgumentException("A Standard Webhooks message id must not hold an unpaired surrogate");
        }
        String t = Encoding.timestamp(timestamp);
        byte[] mac = key.mac((messageId + '.' + t + '.').getBytes(StandardCharsets.UTF_8), body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, messageId);
        headers.put(TIMESTAMP, t);
        headers.put(SIGNATURE, "v1," + Base64.getEncoder().encodeToString(mac));
        return headers;
    }

    private static SignatureVerificationException malformed() {
        return new SignatureVerificationException(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Override
    public String toString() {
        return "StandardWebhooksScheme";
    }
}
