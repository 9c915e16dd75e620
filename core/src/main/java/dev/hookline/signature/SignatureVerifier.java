package dev.hookline.signature;

import dev.hookline.delivery.Headers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies deliveries for one endpoint: a scheme, one or more secrets (any of which may have signed a
 * delivery, for rotation), a clock and a timestamp tolerance. Usable on its own, without routing.
 *
 * <pre>{@code
 * SignatureVerifier verifier = SignatureVerifier.builder(SignatureSchemes.exa())
 *         .secrets(currentSecret, previousSecret)
 *         .build();
 * verifier.verify(headers, body); // throws SignatureVerificationException with the reason
 * }</pre>
 *
 * <p>Keys are derived once, at {@link Builder#build()}. Immutable and thread-safe.
 */
public final class SignatureVerifier {

    /** The default tolerance between a signed timestamp and the time of receipt, in both directions. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final SignatureScheme scheme;
    private final List<SigningKey> keys;
    private final Duration tolerance;
    private final Clock clock;

    private SignatureVerifier(Builder builder, List<SigningKey> keys) {
        this.scheme = builder.scheme;
        this.keys = List.copyOf(keys);
        this.tolerance = builder.tolerance;
        this.clock = builder.clock;
    }

    /**
     * A builder for a verifier of the given scheme.
     *
     * @param scheme how the sender signs
     * @return the builder
     */
    public static Builder builder(SignatureScheme scheme) {
        return new Builder(scheme);
    }

    /**
     * Verifies a delivery as of now, by the verifier's clock.
     *
     * @param headers the delivery's headers
     * @param body the raw body
     * @throws SignatureVerificationException if the delivery is not authentic or not timely
     */
    public void verify(Headers headers, byte[] body) throws SignatureVerificationException {
        verify(headers, body, clock.instant());
    }

    /**
     * Verifies a delivery as of the time it was received, for deliveries verified later (from a queue).
     *
     * @param headers the delivery's headers
     * @param body the raw body
     * @param receivedAt when the delivery arrived
     * @throws SignatureVerificationException if the delivery is not authentic or was not timely when received
     */
    public void verify(Headers headers, byte[] body, Instant receivedAt) throws SignatureVerificationException {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        scheme.verify(headers, body, new VerificationContext(keys, receivedAt, tolerance));
    }

    /** The scheme this verifier checks. */
    public SignatureScheme scheme() {
        return scheme;
    }

    /** The tolerance in both directions, or {@code null} when timestamps are not checked. */
    public Duration tolerance() {
        return tolerance;
    }

    /** The clock that gives the time of receipt. */
    public Clock clock() {
        return clock;
    }

    /** Never shows the secrets. */
    @Override
    public String toString() {
        return "SignatureVerifier[" + scheme + ", " + keys.size() + " secret(s), tolerance=" + tolerance + "]";
    }

    /** Configures a {@link SignatureVerifier}; not thread-safe. */
    public static final class Builder {
        private final SignatureScheme scheme;
        private final List<String> secrets = new ArrayList<>();
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();

        private Builder(SignatureScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
        }

        /**
         * Adds an accepted secret. Add the new one before removing the old one to rotate without downtime.
         *
         * @param secret a secret, in the form the scheme expects
         * @return this builder
         */
        public Builder secret(String secret) {
            secrets.add(secret);
            return this;
        }

        /**
         * Adds several accepted secrets.
         *
         * @param more secrets, in the form the scheme expects
         * @return this builder
         */
        public Builder secrets(String... more) {
            for (String secret : more) {
                secret(secret);
            }
            return this;
        }

        /**
         * Adds several accepted secrets.
         *
         * @param more secrets, in the form the scheme expects
         * @return this builder
         */
        public Builder secrets(Iterable<String> more) {
            more.forEach(this::secret);
            return this;
        }

        /**
         * How far a signed timestamp may be from the time of receipt, in either direction. Default five
         * minutes. Signed timestamps are whole seconds, so the tolerance applies to whole seconds too.
         *
         * @param tolerance a non-negative duration
         * @return this builder
         */
        public Builder tolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance; use withoutTimestampCheck() to turn the check off");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("The timestamp tolerance must not be negative");
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Accepts a signed timestamp however old or new it is. Only for deliveries whose replay is
         * prevented some other way.
         *
         * @return this builder
         */
        public Builder withoutTimestampCheck() {
            this.tolerance = null;
            return this;
        }

        /**
         * The clock giving the time of receipt. Default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The verifier.
         *
         * @return the verifier
         * @throws IllegalArgumentException if there is no secret, or a secret is invalid for the scheme or too
         *     short (see {@link Secrets#key}; the message names the secret's position, never its value)
         */
        public SignatureVerifier build() {
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("At least one secret is required");
            }
            List<SigningKey> keys = new ArrayList<>(secrets.size());
            for (int i = 0; i < secrets.size(); i++) {
                SigningKey key = Secrets.key(scheme, secrets.get(i), "Secret #" + (i + 1));
                if (key.kind() == SigningKey.Kind.ED25519_PRIVATE) {
                    throw new IllegalArgumentException("Secret #" + (i + 1) + " is an Ed25519 signing key (whsk_), "
                            + "which only a sender holds: give the receiver its public key (whpk_)");
                }
                keys.add(key);
            }
            return new SignatureVerifier(this, keys);
        }
    }
}
