package dev.hookline.delivery;

import java.util.Objects;

/**
 * One webhook delivery as it arrived: its headers and the exact bytes of its body.
 *
 * <p>The body is never decoded before its signature has been verified. The array is not copied, so the
 * caller must not change it after handing it over. {@link #toString()} never shows the body.
 *
 * @param headers the request headers
 * @param body the raw request body
 */
public record Delivery(Headers headers, byte[] body) {

    /** Checks that neither part is null. */
    public Delivery {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /**
     * A delivery of the given headers and body.
     *
     * @param headers the request headers
     * @param body the raw request body
     * @return the delivery
     */
    public static Delivery of(Headers headers, byte[] body) {
        return new Delivery(headers, body);
    }

    /** Shows the header names and body length only. */
    @Override
    public String toString() {
        return "Delivery[headers=" + headers + ", body=" + body.length + " bytes]";
    }

    /** Identity of the body array, not its contents: deliveries are not value objects. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
