package dev.hookline.bench;

import java.util.Base64;
import java.util.SplittableRandom;

/** Fixed, obviously fake secrets: the runs are reproducible and nothing here is ever a real key. */
public final class Secrets {

    /** A Standard Webhooks secret: {@code whsec_} and the base64 of 32 bytes. */
    public static final String STANDARD_WEBHOOKS = "whsec_" + Base64.getEncoder().encodeToString(bytes(32, 1));

    /** A Stripe-style secret, used as UTF-8 key bytes as Stripe does. */
    public static final String STRIPE = "whsec_" + hex(bytes(24, 2));

    /** An Exa secret, used as UTF-8 key bytes. */
    public static final String EXA = "exa_bench_" + hex(bytes(24, 3));

    /** A Standard Webhooks Ed25519 secret key (RFC 8032's second test key), which signs {@code v1a}. */
    static final String ED25519_SECRET_KEY = "whsk_TM0Imyj/ltqdtsNG7BFOD1uKMZ81q6Yk2oz27U+4pvs=";

    /** The public key of {@link #ED25519_SECRET_KEY}, which verifies. */
    static final String ED25519_PUBLIC_KEY = "whpk_PUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=";

    private Secrets() {
    }

    private static byte[] bytes(int length, long seed) {
        byte[] out = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return s.toString();
    }
}
