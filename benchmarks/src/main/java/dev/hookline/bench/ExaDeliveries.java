package dev.hookline.bench;

import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.WebhookSigner;
import java.time.Instant;
import java.util.Map;

/** Signed Exa deliveries with distinct event ids, made before any measurement starts. */
public final class ExaDeliveries {

    private final Payloads payloads;
    private final WebhookSigner signer;

    /**
     * Deliveries of bodies of exactly {@code size} bytes signed with {@link Secrets#EXA}.
     *
     * @param size the body size
     */
    public ExaDeliveries(int size) {
        this(Payloads.ofSize(size));
    }

    /**
     * Deliveries of the given bodies signed with {@link Secrets#EXA}.
     *
     * @param payloads the body maker
     */
    public ExaDeliveries(Payloads payloads) {
        this.payloads = payloads;
        this.signer = WebhookSigner.of(SignatureSchemes.exa(), Secrets.EXA);
    }

    /**
     * One delivery of event {@code n}, signed at {@code signedAt}.
     *
     * @param n the event number: event ids differ when the numbers do
     * @param signedAt the signed timestamp
     * @return the delivery
     */
    public Delivery delivery(long n, Instant signedAt) {
        byte[] body = payloads.withId(n);
        return Delivery.of(Headers.of(signer.sign(body, signedAt, null)), body);
    }

    /**
     * The signature header of a body, as a sender would write it.
     *
     * @param body the body
     * @param signedAt the signed timestamp
     * @return header name to value
     */
    public Map<String, String> sign(byte[] body, Instant signedAt) {
        return signer.sign(body, signedAt, null);
    }

    /** The body maker. */
    public Payloads payloads() {
        return payloads;
    }

    /**
     * {@code count} deliveries of events {@code first .. first + count - 1}, all signed at {@code signedAt}.
     *
     * @param first the first event number
     * @param count how many
     * @param signedAt the signed timestamp
     * @return the deliveries
     */
    public Delivery[] ring(long first, int count, Instant signedAt) {
        Delivery[] ring = new Delivery[count];
        for (int i = 0; i < count; i++) {
            ring[i] = delivery(first + i, signedAt);
        }
        return ring;
    }
}
