package dev.hookline.servlet;

import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import java.time.Instant;

/** {@link DeliveryReceiver#direct()}: the endpoint receives the delivery itself. */
enum DirectReceiver implements DeliveryReceiver {
    INSTANCE;

    @Override
    public Outcome receive(WebhookEndpoint endpoint, Delivery delivery, Instant receivedAt) {
        return endpoint.receive(delivery, receivedAt);
    }

    @Override
    public String toString() {
        return "DeliveryReceiver.direct()";
    }
}
