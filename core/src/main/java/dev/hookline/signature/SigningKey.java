package dev.hookline.signature;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key made from one configured secret, set up once and reused for every delivery: an HMAC key (which both signs
 * and verifies), or an Ed25519 public key (which verifies) or private key (which signs).
 *
 * <p>Each thread gets its own pre-keyed {@link Mac} or {@link Signature}, so a signature needs no key set-up and no
 * lock. Thread-safe. {@link #toString()} never shows the key.
 */
public final class SigningKey {

    /** The algorithm every built-in HMAC scheme uses. */
    public static final String HMAC_SHA256 = "HmacSHA256";

    /** The algorithm of Standard Webhooks' asymmetric ({@code v1a}) signatures. */
    public static final String ED25519 = "Ed25519";

    /**
     * The shortest HMAC key accepted, in bytes: 128 bits. A shorter HMAC key can be found by trying every value
     * against one captured delivery (a one-byte key in at most 256 tries).
     */
    public static final int MIN_KEY_BYTES = 16;

    /** The length of a raw Ed25519 key, public or private, in bytes (RFC 8032). */
    public static final int ED25519_KEY_BYTES = 32;

    /** DER of an Ed25519 SubjectPublicKeyInfo up to the raw key (RFC 8410). */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** DER of an Ed25519 PKCS #8 PrivateKeyInfo up to the raw key (RFC 8410). */
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        0x04, 0x22, 0x04, 0x20};

    /** What a key does. */
    public enum Kind {
        /** An HMAC key: signs and verifies. */
        HMAC,
        /** An Ed25519 public key: verifies only. */
        ED25519_PUBLIC,
        /** An Ed25519 private key: signs only. */
        ED25519_PRIVATE
    }

    private final Kind kind;
    private final String algorithm;
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<Signature> signatures;

    private SigningKey(SecretKeySpec key) {
        this.kind = Kind.HMAC;
        this.algorithm = key.getAlgorithm();
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
        this.signatures = null;
    }

    private SigningKey(Kind kind, java.security.Key key) {
        this.kind = kind;
        this.algorithm = ED25519;
        this.macs = null;
        this.signatures = ThreadLocal.withInitial(() -> newSignature(kind, key));
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

    /**
     * An Ed25519 public key, which verifies signatures.
     *
     * @param raw the 32 bytes of the key (RFC 8032's encoding)
     * @return the key
     * @throws IllegalArgumentException if {@code raw} is not 32 bytes or not a valid key
     */
    public static SigningKey ed25519Public(byte[] raw) {
        return ed25519(Kind.ED25519_PUBLIC, raw);
    }

    /**
     * An Ed25519 private key, which signs.
     *
     * @param raw the 32 bytes of the key (RFC 8032's seed)
     * @return the key
     * @throws IllegalArgumentException if {@code raw} is not 32 bytes
     */
    public static SigningKey ed25519Private(byte[] raw) {
        return ed25519(Kind.ED25519_PRIVATE, raw);
    }

    private static SigningKey ed25519(Kind kind, byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != ED25519_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 key is " + ED25519_KEY_BYTES + " bytes long, this one "
                    + raw.length);
        }
        byte[] prefix = kind == Kind.ED25519_PUBLIC ? X509_PREFIX : PKCS8_PREFIX;
        byte[] encoded = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, encoded, prefix.length, raw.length);
        try {
            KeyFactory factory = KeyFactory.getInstance(ED25519);
            java.security.Key key = kind == Kind.ED25519_PUBLIC
                    ? factory.generatePublic(new X509EncodedKeySpec(encoded))
                    : factory.generatePrivate(new PKCS8EncodedKeySpec(encoded));
            SigningKey signingKey = new SigningKey(kind, key);
            signingKey.signatures.get(); // fail now if the key is unusable
            return signingKey;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the provider's message may describe the key: keep only the fact
            throw new IllegalArgumentException("the key is not a valid Ed25519 key");
        }
    }

    /** What this key does. */
    public Kind kind() {
        return kind;
    }

    /** The JCA algorithm name, such as {@code HmacSHA256} or {@code Ed25519}. */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The MAC of {@code body}.
     *
     * @param body the bytes to authenticate
     * @return the MAC
     * @throws IllegalStateException if this is not an HMAC key
     */
    public byte[] mac(byte[] body) {
        return hmac().doFinal(body);
    }

    /**
     * The MAC of {@code prefix} followed by {@code body}, computed without concatenating them.
     *
     * @param prefix the bytes signed before the body, such as {@code "<timestamp>."}
     * @param body the bytes to authenticate
     * @return the MAC
     * @throws IllegalStateException if this is not an HMAC key
     */
    public byte[] mac(byte[] prefix, byte[] body) {
        Mac mac = hmac();
        mac.update(prefix);
        return mac.doFinal(body);
    }

    /**
     * The Ed25519 signature of {@code prefix} followed by {@code body}.
     *
     * @param prefix the bytes signed before the body
     * @param body the body
     * @return the 64-byte signature
     * @throws IllegalStateException if this is not an Ed25519 private key
     */
    public byte[] sign(byte[] prefix, byte[] body) {
        if (kind != Kind.ED25519_PRIVATE) {
            throw new IllegalStateException("Only an Ed25519 private key signs this way; this is " + kind);
        }
        Signature signature = signatures.get();
        try {
            signature.update(prefix);
            signature.update(body);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Whether {@code candidate} is a valid Ed25519 signature of {@code prefix} followed by {@code body}.
     *
     * @param candidate the signature a delivery carries
     * @param prefix the bytes signed before the body
     * @param body the body
     * @return true if it verifies under this public key
     * @throws IllegalStateException if this is not an Ed25519 public key
     */
    public boolean verifies(byte[] candidate, byte[] prefix, byte[] body) {
        if (kind != Kind.ED25519_PUBLIC) {
            throw new IllegalStateException("Only an Ed25519 public key verifies this way; this is " + kind);
        }
        Signature signature = signatures.get();
        try {
            signature.update(prefix);
            signature.update(body);
            return signature.verify(candidate);
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature verifies nothing; the Signature object is reset by verify
        }
    }

    private Mac hmac() {
        if (kind != Kind.HMAC) {
            throw new IllegalStateException("Only an HMAC key computes a MAC; this is " + kind);
        }
        return macs.get();
    }

    private static Mac newMac(SecretKeySpec key) {
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

    private static Signature newSignature(Kind kind, java.security.Key key) {
        try {
            Signature signature = Signature.getInstance(ED25519);
            if (kind == Kind.ED25519_PUBLIC) {
                signature.initVerify((PublicKey) key);
            } else {
                signature.initSign((PrivateKey) key);
            }
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key is not a valid Ed25519 key");
        }
    }

    /** Names the algorithm and kind only. */
    @Override
    public String toString() {
        return "SigningKey[" + algorithm + (kind == Kind.HMAC ? "" : ", " + kind) + ", redacted]";
    }
}
