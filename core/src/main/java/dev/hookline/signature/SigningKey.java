package dev.hookline.signature;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC key made from one configured secret, keyed once and reused for every delivery.
 *
 * <p>Each thread gets its own pre-keyed {@link Mac}, so computing a signature needs no key set-up and no
 * lock. Thread-safe. {@link #toString()} never shows the key.
 */
public final class SigningKey {

    /** The algorithm every built-in scheme uses. */
    public static final String HMAC_SHA256 = "HmacSHA256";

    /**
     * The shortest key accepted, in bytes: 128 bits. A shorter HMAC key can be found by trying every value
     * against one captured delivery (a one-byte key in at most 256 tries).
     */
    public static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    private SigningKey(SecretKeySpec key) {
        this.key = key;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * An HMAC-SHA256 key of the given bytes.
     *
     * @param keyBytes the key material; copied
     * @return the key
     * @throws IllegalArgumentException if {@code keyBytes} is shorter than {@link #MIN_KEY_BYTES}
     */
    public static SigningKey hmacSha256(byte[] keyBytes) {
        return of(HMAC_SHA256, keyBytes);
    }

    /**
     * An HMAC key for any algorithm the JDK provides, such as {@code HmacSHA512}.
     *
     * @param algorithm the JCA name of the HMAC algorithm
     * @param keyBytes the key material; copied
     * @return the key
     * @throws IllegalArgumentException if the key is shorter than {@link #MIN_KEY_BYTES} or the algorithm is
     *     not available
     */
    public static SigningKey of(String algorithm, byte[] keyBytes) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyBytes, "keyBytes");
        if (keyBytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the key is " + keyBytes.length + " bytes long; at least "
                    + MIN_KEY_BYTES + " are required");
        }
        SigningKey signingKey = new SigningKey(new SecretKeySpec(keyBytes, algorithm));
        signingKey.macs.get(); // fail now, at configuration time, if the algorithm is unavailable
        return signingKey;
    }

    /** The JCA algorithm name, such as {@code HmacSHA256}. */
    public String algorithm() {
        return key.getAlgorithm();
    }

    /**
     * The MAC of {@code body}.
     *
     * @param body the bytes to authenticate
     * @return the MAC
     */
    public byte[] mac(byte[] body) {
        return macs.get().doFinal(body);
    }

    /**
     * The MAC of {@code prefix} followed by {@code body}, computed without concatenating them.
     *
     * @param prefix the bytes signed before the body, such as {@code "<timestamp>."}
     * @param body the bytes to authenticate
     * @return the MAC
     */
    public byte[] mac(byte[] prefix, byte[] body) {
        Mac mac = macs.get();
        mac.update(prefix);
        return mac.doFinal(body);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(key.getAlgorithm());
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("HMAC algorithm not available: " + key.getAlgorithm(), e);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("The signing secret is not a valid " + key.getAlgorithm() + " key");
        }
    }

    /** Names the algorithm only. */
    @Override
    public String toString() {
        return "SigningKey[" + key.getAlgorithm() + ", redacted]";
    }
}
