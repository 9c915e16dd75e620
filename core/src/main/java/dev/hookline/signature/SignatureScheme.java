package dev.hookline.signature;

import dev.hookline.delivery.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * How a sender signs its deliveries: which headers carry the signature, what bytes are signed and how
 * a secret becomes a key. A scheme both verifies and signs, so anything it signs it also accepts.
 *
 * <p>Built-in schemes come from {@link SignatureSchemes}. To support another sender, implement this
 * interface; {@link VerificationContext#anyMatches} and {@link VerificationContext#checkTimestamp} do
 * the constant-time comparison and the tolerance check. Implementations must be immutable and
 * thread-safe, must only ever throw {@link SignatureVerificationException} from {@link #verify}, and
 * must never put a secret, a header value or the body in an exception message.
 */
public interface SignatureScheme {

    /**
     * Makes the key for one configured secret. The default uses the secret's UTF-8 bytes as they are.
     * {@link Secrets#key} calls this after checking that the secret is present and has no surrounding
     * whitespace.
     *
     * @param secret the secret as configured, neither null nor blank
     * @return the key
     * @throws IllegalArgumentException if the secret is not valid for this scheme (the message never
     *     contains the secret)
     */
    default SigningKey key(String secret) {
        return SigningKey.hmacSha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The headers whose values the signature covers, lower-cased. An envelope may take an event's id or type
     * only from a signed header, unless it explicitly trusts unsigned ones: a value no signature covers can be
     * changed by anyone who replays a captured delivery. The default is none.
     *
     * @return the signed headers' names, lower-case
     */
    default Set<String> signedHeaders() {
        return Set.of();
    }

    /**
     * Whether the signature covers a timestamp that {@link VerificationContext#checkTimestamp} checks: only then
     * does the tolerance bound how long a captured delivery can be replayed. The default is false.
     *
     * @return true if a signed timestamp is checked
     */
    default boolean signsTimestamp() {
        return false;
    }

    /**
     * Verifies a delivery's signature.
     *
     * @param headers the delivery's headers
     * @param body the raw body, exactly as received
     * @param context the keys, the time of receipt and the tolerance
     * @throws SignatureVerificationException if the delivery is not authentic, with the reason
     */
    void verify(Headers headers, byte[] body, VerificationContext context) throws SignatureVerificationException;

    /**
     * The headers that make {@code body} authentic under {@code key}.
     *
     * @param body the raw body to sign
     * @param key the key to sign with
     * @param timestamp the signing time, for schemes that sign one
     * @param messageId the message id, for schemes that sign one; ignored by the others
     * @return header names to values, in the order a sender would write them
     */
    Map<String, String> sign(byte[] body, SigningKey key, Instant timestamp, String messageId);
}
