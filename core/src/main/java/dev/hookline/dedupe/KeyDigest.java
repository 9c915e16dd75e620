package dev.hookline.dedupe;

import java.security.SecureRandom;

/**
 * SipHash-2-4 with its 128-bit output (Aumasson and Bernstein), under a key of the store's own: how
 * {@link InMemoryDeduplicator} remembers an {@link EventKey} without keeping it. Without the key, nobody can
 * choose two ids with the same digest; by chance, among a billion distinct ids the chance that two share one is
 * near 2^-69.
 *
 * <p>An event key is digested as the endpoint's length (four bytes), then the endpoint's and the id's UTF-16 code
 * units (two bytes each, little-endian), so that no two keys give the same message. Immutable and thread-safe.
 */
final class KeyDigest {

    private final long k0;
    private final long k1;

    KeyDigest(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** A digest under a key drawn from a strong random source. */
    static KeyDigest random() {
        SecureRandom random = new SecureRandom();
        return new KeyDigest(random.nextLong(), random.nextLong());
    }

    /** The digest of an event key. */
    Digest of(EventKey key) {
        String endpoint = key.endpoint();
        String id = key.eventId();
        Sip sip = new Sip(k0, k1);
        int length = endpoint.length();
        sip.addUnit(length & 0xFFFF);
        sip.addUnit(length >>> 16);
        sip.addUnits(endpoint);
        sip.addUnits(id);
        return sip.finish();
    }

    /** The digest of a byte string, as the reference implementation computes it. */
    Digest of(byte[] message) {
        Sip sip = new Sip(k0, k1);
        for (byte b : message) {
            sip.addByte(b & 0xFF);
        }
        return sip.finish();
    }

    /**
     * A 128-bit digest.
     *
     * @param first the first 64-bit word of the output (its first eight bytes, little-endian)
     * @param second the second
     */
    record Digest(long first, long second) {
    }

    /** The hash's state over one message. */
    private static final class Sip {
        private long v0;
        private long v1;
        private long v2;
        private long v3;
        /** Bytes not yet compressed, the first in the lowest bits. */
        private long word;
        /** Bytes added so far. */
        private long count;

        Sip(long k0, long k1) {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL ^ 0xee;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
        }

        void addByte(int b) {
            word |= (long) b << ((count & 7) << 3);
            count++;
            if ((count & 7) == 0) {
                compress();
            }
        }

        /** Adds two bytes, little-endian; whole messages of such units never split one across two words. */
        void addUnit(int unit) {
            word |= (long) unit << ((count & 7) << 3);
            count += 2;
            if ((count & 7) == 0) {
                compress();
            }
        }

        /** Adds a string's UTF-16 units: one at a time up to a word's boundary, then four per word. */
        void addUnits(String text) {
            int length = text.length();
            int i = 0;
            for (; i < length && (count & 7) != 0; i++) {
                addUnit(text.charAt(i));
            }
            for (; i + 4 <= length; i += 4) {
                word = text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                        | (long) text.charAt(i + 3) << 48;
                count += 8;
                compress();
            }
            for (; i < length; i++) {
                addUnit(text.charAt(i));
            }
        }

        private void compress() {
            v3 ^= word;
            round();
            round();
            v0 ^= word;
            word = 0;
        }

        Digest finish() {
            word |= count << 56;
            compress();
            v2 ^= 0xee;
            round();
            round();
            round();
            round();
            long first = v0 ^ v1 ^ v2 ^ v3;
            v1 ^= 0xdd;
            round();
            round();
            round();
            round();
            return new Digest(first, v0 ^ v1 ^ v2 ^ v3);
        }

        private void round() {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
    }
}
