package dev.hookline.bench;

import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Standard Webhooks deliveries of an {@code invoice.paid} event, {@code {"type", "timestamp", "data"}}, whose body is
 * exactly the requested size and whose {@code webhook-id} differs per delivery, signed with
 * {@link Secrets#STANDARD_WEBHOOKS}. The event's own time is when this was made; the invoice's memo is lengthened
 * with plain prose to the size. Every delivery shares the body: Standard Webhooks carries the id in a header, which
 * the signature covers. Immutable and thread-safe.
 */
public final class StandardDeliveries {

    /** The event type of every delivery. */
    public static final String TYPE = "invoice.paid";

    private static final String ID_PREFIX = "msg_";
    /** {@code msg_} and 27 digits: as long as the ids of the Standard Webhooks examples. */
    private static final int ID_DIGITS = 27;
    private static final String FILLER = "Thank you for your business; the next invoice follows on the first of the"
            + " month, and payment terms stay thirty days net. ";

    private final byte[] body;
    private final WebhookSigner signer;

    /**
     * Deliveries of bodies of exactly {@code size} bytes.
     *
     * @param size the body size in bytes; at least that of the event with an empty memo
     */
    public StandardDeliveries(int size) {
        this.body = body(size, Instant.now());
        this.signer = WebhookSigner.of(SignatureSchemes.standardWebhooks(), Secrets.STANDARD_WEBHOOKS);
    }

    /** The body every delivery carries, as a fresh array. */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The headers of delivery {@code n}, as a sender writes them: {@code webhook-id}, {@code webhook-timestamp}
     * and {@code webhook-signature}.
     *
     * @param n the delivery number: ids differ when the numbers do
     * @param signedAt the signed timestamp
     * @return header name to value
     */
    public Map<String, String> sign(long n, Instant signedAt) {
        return signer.sign(body, signedAt, id(n));
    }

    /**
     * Delivery {@code n}, signed at {@code signedAt}.
     *
     * @param n the delivery number
     * @param signedAt the signed timestamp
     * @return the delivery
     */
    public Delivery delivery(long n, Instant signedAt) {
        return Delivery.of(Headers.of(sign(n, signedAt)), body());
    }

    /** The {@code webhook-id} of delivery {@code n}: {@code msg_} and {@code n} as 27 zero-padded digits. */
    public static String id(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        String digits = Long.toString(n);
        return ID_PREFIX + "0".repeat(ID_DIGITS - digits.length()) + digits;
    }

    private static byte[] body(int size, Instant now) {
        String head = "{\"type\":\"" + TYPE + "\",\"timestamp\":\"" + now.truncatedTo(ChronoUnit.SECONDS)
                + "\",\"data\":{\"id\":\"in_1QXk2mLbd8T3pZ9fW4rNcYh0\",\"object\":\"invoice\",\"customer\":"
                + "\"cus_R7vB3nQ5kT1wXy\",\"status\":\"paid\",\"currency\":\"eur\",\"amountDue\":38700,"
                + "\"amountPaid\":38700,\"lines\":[{\"description\":\"Team plan, 9 seats, monthly\",\"quantity\":9,"
                + "\"amount\":35100},{\"description\":\"Extra storage, 200 GB\",\"quantity\":1,\"amount\":3600}],"
                + "\"memo\":\"";
        String tail = "\"}}";
        int missing = size - head.length() - tail.length(); // ASCII throughout: characters are bytes
        if (missing < 0) {
            throw new IllegalArgumentException("A body of " + size + " bytes is smaller than the smallest event, "
                    + (head.length() + tail.length()) + " bytes");
        }
        StringBuilder memo = new StringBuilder(missing + FILLER.length());
        while (memo.length() < missing) {
            memo.append(FILLER);
        }
        memo.setLength(missing);
        return (head + memo + tail).getBytes(StandardCharsets.US_ASCII);
    }
}
