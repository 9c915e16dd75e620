package dev.hookline.signature;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link SignatureScheme} verifies against: the endpoint's keys, the time the delivery was
 * received and the timestamp tolerance.
 *
 * <p>Immutable and thread-safe.
 */
public final class VerificationContext {

    private final List<SigningKey> keys;
    private final Instant receivedAt;
    private final Duration tolerance;

    /**
     * A context for one verification.
     *
     * @param keys the keys of every accepted secret, at least one
     * @param receivedAt when the delivery was received
     * @param tolerance how far a signed timestamp may be from {@code receivedAt} in either direction;
     *     {@code null} turns the timestamp check off
     */
    public VerificationContext(List<SigningKey> keys, Instant receivedAt, Duration tolerance) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one signing key is required");
        }
        if (tolerance != null && tolerance.isNegative()) {
            throw new IllegalArgumentException("The timestamp tolerance must not be negative");
        }
        this.keys = List.copyOf(keys);
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.tolerance = tolerance;
    }

    /** The keys of every accepted secret; a delivery is authentic if it matches any of them. */
    public List<SigningKey> keys() {
        return keys;
    }

    /** When the delivery was received: the instant a signed timestamp is compared with. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * Checks a signed timestamp against the tolerance, in both directions, to the whole second.
     *
     * @param epochSeconds the signed timestamp, in seconds since the epoch
     * @throws SignatureVerificationException with {@link SignatureFailure#TIMESTAMP_OUTSIDE_TOLERANCE}
     *     if it is further than the tolerance from the time of receipt
     */
    public void checkTimestamp(long epochSeconds) throws SignatureVerificationException {
        if (tolerance == null) {
            return;
        }
        long skew = Math.abs(receivedAt.getEpochSecond() - epochSeconds);
        // a skew that overflowed to negative is far outside any tolerance
        if (skew < 0 || skew > tolerance.getSeconds()) {
            throw new SignatureVerificationException(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
        }
    }

    /**
     * Whether any Ed25519 public key verifies any of the candidate signatures of {@code prefix} followed by
     * {@code body}.
     *
     * @param candidates the decoded 64-byte signatures the delivery carries
     * @param prefix bytes signed before the body
     * @param body the raw body
     * @return true if the delivery is authentic
     */
    public boolean anyVerifies(List<byte[]> candidates, byte[] prefix, byte[] body) {
        for (SigningKey key : keys) {
            if (key.kind() != SigningKey.Kind.ED25519_PUBLIC) {
                continue;
            }
            for (byte[] candidate : candidates) {
                if (key.verifies(candidate, prefix, body)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether any key's MAC of {@code prefix} and {@code body} equals any of the candidate signatures.
     * Each comparison takes time independent of where the bytes differ.
     *
     * @param candidates the decoded signatures the delivery carries
     * @param prefix bytes signed before the body, or {@code null} for none
     * @param body the raw body
     * @return true if the delivery is authentic
     */
    public boolean anyMatches(List<byte[]> candidates, byte[] prefix, byte[] body) {
        return !candidates.isEmpty() && anyMatches(null, 0, candidates, prefix, body);
    }

    /**
     * Whether any key's MAC of {@code prefix} and {@code body} equals a candidate signature: the one spelled in hex
     * digits in {@code hex} from {@code hexFrom} on, compared where it stands without being decoded (the
     * {@link Encoding#isHex digits checked} by the caller), or any of {@code others}, decoded. A header's one
     * signature is thus checked without a copy or a list. Each comparison takes time independent of where the bytes
     * differ.
     *
     * @param hex a header value holding a candidate's hex digits, or null for none
     * @param hexFrom where its digits start
     * @param others further decoded candidates, or null for none
     * @param prefix bytes signed before the body, or {@code null} for none
     * @param body the raw body
     */
    boolean anyMatches(String hex, int hexFrom, List<byte[]> others, byte[] prefix, byte[] body) {
        for (SigningKey key : keys) {
            if (key.kind() != SigningKey.Kind.HMAC) {
                continue;
            }
            byte[] expected = prefix == null ? key.mac(body) : key.mac(prefix, body);
            if (hex != null && Encoding.hexEquals(expected, hex, hexFrom)) {
                return true;
            }
            if (others != null) {
                for (byte[] candidate : others) {
                    if (MessageDigest.isEqual(expected, candidate)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
