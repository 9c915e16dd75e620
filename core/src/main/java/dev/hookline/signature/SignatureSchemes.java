package dev.hookline.signature;

import java.util.Objects;

/** The built-in signature schemes, and factories for senders that use the same forms. */
public final class SignatureSchemes {

    private static final SignatureScheme EXA = new TimestampedHmacScheme("Exa-Signature");
    private static final SignatureScheme STRIPE = new TimestampedHmacScheme("Stripe-Signature");
    private static final SignatureScheme ENCRATA = new HexHmacScheme("X-Encrata-Signature", "");
    private static final SignatureScheme GITHUB = new HexHmacScheme("X-Hub-Signature-256", "sha256=");
    private static final SignatureScheme STANDARD_WEBHOOKS = new StandardWebhooksScheme();
    private static final SignatureScheme SVIX = new StandardWebhooksScheme("SvixScheme", "svix-id", "svix-timestamp",
            "svix-signature");

    private SignatureSchemes() {
    }

    /**
     * Exa: {@code Exa-Signature: t=<unix>,v1=<hex>}, HMAC-SHA256 over {@code "<t>." + body}, the secret's
     * UTF-8 bytes as the key.
     */
    public static SignatureScheme exa() {
        return EXA;
    }

    /** Stripe: {@code Stripe-Signature}, the same form as {@link #exa()}. */
    public static SignatureScheme stripe() {
        return STRIPE;
    }

    /**
     * Encrata: {@code X-Encrata-Signature: <hex>}, HMAC-SHA256 over the body, the whole secret (with its
     * {@code whsec_} prefix) as UTF-8 bytes as the key. Nothing time-based is signed.
     */
    public static SignatureScheme encrata() {
        return ENCRATA;
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>}, HMAC-SHA256 over the body. */
    public static SignatureScheme github() {
        return GITHUB;
    }

    /**
     * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}, over
     * {@code "<id>.<timestamp>." + body}. {@code v1,<base64>} entries are HMAC-SHA256, keyed with the base64 bytes
     * of a secret after its optional {@code whsec_} prefix; {@code v1a,<base64>} entries are Ed25519 signatures,
     * verified with a {@code whpk_<base64>} public key (and made, by a sender, with a {@code whsk_<base64>} secret
     * key). An endpoint may hold secrets and public keys together, each entry checked against the keys of its
     * kind. Other versions are ignored.
     */
    public static SignatureScheme standardWebhooks() {
        return STANDARD_WEBHOOKS;
    }

    /**
     * Svix, which Clerk, Resend and other senders use: Standard Webhooks under the {@code svix-id},
     * {@code svix-timestamp} and {@code svix-signature} headers, with the same secrets.
     */
    public static SignatureScheme svix() {
        return SVIX;
    }

    /**
     * A scheme of the Exa and Stripe form under another header name.
     *
     * @param header the header carrying {@code t=<unix>,v1=<hex>}
     * @return the scheme
     */
    public static SignatureScheme timestampedHmac(String header) {
        return new TimestampedHmacScheme(requireHeader(header));
    }

    /**
     * A scheme whose header carries a hex HMAC-SHA256 of the body after a fixed prefix.
     *
     * @param header the header name
     * @param prefix the text before the hex digest, such as {@code sha256=}; empty for none
     * @return the scheme
     */
    public static SignatureScheme hexHmac(String header, String prefix) {
        return new HexHmacScheme(requireHeader(header), Objects.requireNonNull(prefix, "prefix"));
    }

    private static String requireHeader(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("A signature header name is required");
        }
        return header;
    }
}
