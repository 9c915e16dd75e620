package dev.hookline.stripe;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * The {@code data} of a Stripe event, bound to the application's own class of the object it carries: Hookline
 * ships no Stripe model. Take it as a listener parameter, and {@code object} binds to {@code T}:
 *
 * <pre>{@code
 * record Charge(String id, long amount, String currency) { }
 *
 * @WebhookListener("charge.succeeded")
 * void onCharge(StripeData<Charge> data) {
 *     record(data.object().id(), data.object().amount());
 * }
 * }</pre>
 *
 * @param object the API resource the event is about, bound to {@code T}
 * @param previousAttributes for {@code *.updated} events, the changed fields' earlier values; else null
 * @param <T> the application's class of the resource
 */
public record StripeData<T>(T object, @JsonProperty("previous_attributes") JsonNode previousAttributes) {
}
