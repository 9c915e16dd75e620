package dev.hookline.signature;

import dev.hookline.delivery.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
 * (space-separated {@code <version>,<base64>} entries) over {@code "<id>.<timestamp>." + body}: {@code v1} is
 * HMAC-SHA256 keyed with the base64 secret after its {@code whsec_} prefix, {@code v1a} is Ed25519, verified with a
 * {@code whpk_} public key and made with a {@code whsk_} secret key. Svix sends the same under {@code svix-}
 * header names.
 */
final class StandardWebhooksScheme implements SignatureScheme {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";
    private static final String PUBLIC_KEY_PREFIX = "whpk_";
    private static final String SECRET_KEY_PREFIX = "whsk_";
    private static final int SHA256_BYTES = 32;
    private static final int ED25519_SIGNATURE_BYTES = 64;
    /**
     * The most {@code v1a} entries one delivery may carry. An Ed25519 check costs hundreds of microseconds on the
     * JDK, against about one for HMAC, so a forged header full of entries would buy a sender that much work per
     * request; a real sender signs once per key it holds, and rotations hold two or three.
     */
    static final int MAX_ED25519_SIGNATURES = 4;

    private final String name;
    private final String idHeader;
    private final String timestampHeader;
    private final String signatureHeader;
    private final Set<String> signedHeaders;

    /** Standard Webhooks, under its own header names. */
    StandardWebhooksScheme() {
        this("StandardWebhooksScheme", ID, TIMESTAMP, SIGNATURE);
    }

    /** The same scheme under other header names (lower-case), such as Svix's. */
    StandardWebhooksScheme(String name, String idHeader, String timestampHeader, String signatureHeader) {
        this.name = name;
        this.idHeader = idHeader;
        this.timestampHeader = timestampHeader;
        this.signatureHeader = signatureHeader;
        this.signedHeaders = Set.of(idHeader, timestampHeader);
    }

    @Override
    public Set<String> signedHeaders() {
        return signedHeaders;
    }

    /**
     * An HMAC key from {@code whsec_<base64>} (or bare base64), an Ed25519 public key from {@code whpk_<base64 of
     * 32 bytes>}, or an Ed25519 secret key from {@code whsk_<base64 of 32 bytes>} for signing.
     */
    @Override
    public SigningKey key(String secret) {
        if (secret.startsWith(PUBLIC_KEY_PREFIX)) {
            return SigningKey.ed25519Public(base64Key(secret.substring(PUBLIC_KEY_PREFIX.length())));
        }
        if (secret.startsWith(SECRET_KEY_PREFIX)) {
            return SigningKey.ed25519Private(base64Key(secret.substring(SECRET_KEY_PREFIX.length())));
        }
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return SigningKey.hmacSha256(base64Key(encoded));
    }

    private static byte[] base64Key(String encoded) {
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // the decoder's message may quote the offending character of the secret: do not chain it
            throw new IllegalArgumentException("A Standard Webhooks secret must be base64 after 'whsec_' (or none), "
                    + "'whpk_' or 'whsk_'");
        }
    }

    /**
     * Reads the headers in place, by index: the signatures are decoded straight from the header value and
     * the signed prefix is made in one array.
     */
    @Override
    public void verify(Headers headers, byte[] body, VerificationContext context)
            throws SignatureVerificationException {
        List<String> signatureValues = headers.all(signatureHeader);
        List<String> ids = headers.all(idHeader);
        List<String> timestamps = headers.all(timestampHeader);
        if (signatureValues.isEmpty() || ids.isEmpty() || timestamps.isEmpty()) {
            // the id and the timestamp are as much a part of the signature as the signature header itself
            throw new SignatureVerificationException(SignatureFailure.MISSING_SIGNATURE);
        }
        if (ids.size() != 1 || timestamps.size() != 1) {
            throw malformed();
        }
        String id = ids.get(0).strip();
        String timestamp = timestamps.get(0).strip();
        long seconds = Encoding.timestamp(timestamp);
        if (id.isEmpty() || !Encoding.isWellFormed(id) || seconds < 0) {
            // an unpaired surrogate has no UTF-8 form: encoding it would sign a '?' that the id does not hold
            throw malformed();
        }
        List<byte[]> signatures = new ArrayList<>(2);
        List<byte[]> asymmetric = new ArrayList<>(0);
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
                // the entry value[start, end): "<version>,<signature>"
                int comma = Encoding.indexOf(value, ',', start, end);
                if (comma <= start) {
                    throw malformed();
                }
                if (comma == start + 2 && value.charAt(start) == 'v' && value.charAt(start + 1) == '1') {
                    byte[] signature = Encoding.base64(value, comma + 1, end, SHA256_BYTES);
                    if (signature == null) {
                        throw malformed();
                    }
                    signatures.add(signature);
                } else if (comma == start + 3 && value.startsWith("v1a", start)) {
                    byte[] signature = Encoding.base64(value, comma + 1, end, ED25519_SIGNATURE_BYTES);
                    if (signature == null) {
                        throw malformed();
                    }
                    if (asymmetric.size() == MAX_ED25519_SIGNATURES) {
                        throw malformed();
                    }
                    asymmetric.add(signature);
                }
                // other versions are ignored
                start = end;
            }
        }
        byte[] prefix = signedPrefix(id, timestamp);
        if (!context.anyMatches(signatures, prefix, body) && !context.anyVerifies(asymmetric, prefix, body)) {
            throw new SignatureVerificationException(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
        context.checkTimestamp(seconds);
    }

    /** The UTF-8 bytes of {@code "<id>.<timestamp>."}, made in one array when the id is ASCII, as it almost always is. */
    static byte[] signedPrefix(String id, String timestamp) {
        int idLength = id.length();
        byte[] prefix = new byte[idLength + timestamp.length() + 2];
        for (int i = 0; i < idLength; i++) {
            char c = id.charAt(i);
            if (c >= 0x80) {
                return (id + '.' + timestamp + '.').getBytes(StandardCharsets.UTF_8);
            }
            prefix[i] = (byte) c;
        }
        prefix[idLength] = '.';
        for (int i = 0; i < timestamp.length(); i++) {
            prefix[idLength + 1 + i] = (byte) timestamp.charAt(i); // ASCII digits, checked by the caller
        }
        prefix[prefix.length - 1] = '.';
        return prefix;
    }

    @Override
    public boolean signsTimestamp() {
        return true;
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
        byte[] prefix = (messageId + '.' + t + '.').getBytes(StandardCharsets.UTF_8);
        String signature = key.kind() == SigningKey.Kind.ED25519_PRIVATE
                ? "v1a," + Base64.getEncoder().encodeToString(key.sign(prefix, body))
                : "v1," + Base64.getEncoder().encodeToString(key.mac(prefix, body));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(idHeader, messageId);
        headers.put(timestampHeader, t);
        headers.put(signatureHeader, signature);
        return headers;
    }

    private static SignatureVerificationException malformed() {
        return new SignatureVerificationException(SignatureFailure.MALFORMED_SIGNATURE);
    }

    @Override
    public String toString() {
        return name;
    }
}
