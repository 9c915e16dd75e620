package dev.hookline.signature;

import dev.hookline.delivery.Headers;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs bodies the way a sender would: for tests, sample senders, and services that send webhooks of
 * their own. Whatever it signs, a {@link SignatureVerifier} of the same scheme and secret accepts.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookSigner {

    private final SignatureScheme scheme;
    private final SigningKey key;
    private final Clock clock;

    private WebhookSigner(SignatureScheme scheme, SigningKey key, Clock clock) {
        this.scheme = scheme;
        this.key = key;
        this.clock = clock;
    }

    /**
     * A signer for the given scheme and secret, timestamping with the system clock.
     *
     * @param scheme how to sign
     * @param secret the secret, in the form the scheme expects
     * @return the signer
     */
    public static WebhookSigner of(SignatureScheme scheme, String secret) {
        return of(scheme, secret, Clock.systemUTC());
    }

    /**
     * A signer for the given scheme and secret, timestamping with {@code clock}.
     *
     * @param scheme how to sign
     * @param secret the secret, in the form the scheme expects
     * @param clock the clock giving signing times
     * @return the signer
     */
    public static WebhookSigner of(SignatureScheme scheme, String secret, Clock clock) {
        Objects.requireNonNull(scheme, "scheme");
        SigningKey key = Secrets.key(scheme, secret, "The signing secret");
        if (key.kind() == SigningKey.Kind.ED25519_PUBLIC) {
            throw new IllegalArgumentException("The signing secret is an Ed25519 public key (whpk_), which only "
                    + "verifies: sign with the secret key (whsk_)");
        }
        return new WebhookSigner(scheme, key, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Signs a body now, with a fresh message id where the scheme signs one.
     *
     * @param body the raw body
     * @return the signature headers
     */
    public Map<String, String> sign(byte[] body) {
        return sign(body, clock.instant(), "msg_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * Signs a body at a given time with a given message id.
     *
     * @param body the raw body
     * @param timestamp the signing time
     * @param messageId the message id, for schemes that sign one
     * @return the signature headers
     * @throws IllegalArgumentException if the scheme signs a timestamp and {@code timestamp} is before the
     *     epoch, or signs a message id and {@code messageId} is empty, has surrounding whitespace or holds an
     *     unpaired surrogate, since no header can carry them
     */
    public Map<String, String> sign(byte[] body, Instant timestamp, String messageId) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timestamp, "timestamp");
        return scheme.sign(body, key, timestamp, messageId);
    }

    /**
     * The signature headers of {@link #sign(byte[], Instant, String)} as {@link Headers}.
     *
     * @param body the raw body
     * @param timestamp the signing time
     * @param messageId the message id, for schemes that sign one
     * @return the headers
     */
    public Headers headers(byte[] body, Instant timestamp, String messageId) {
        return Headers.of(sign(body, timestamp, messageId));
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "WebhookSigner[" + scheme + "]";
    }
}
