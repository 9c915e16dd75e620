package dev.hookline.providers;

import tools.jackson.databind.JsonNode;

/**
 * Encrata's answer to a request for a test delivery ({@code POST /api/webhooks/test}). Its shape is not
 * documented beyond carrying the signature used, so the whole answer is kept.
 *
 * @param signature the {@code X-Encrata-Signature} the test delivery carried, when the answer names one
 *     ({@code signature}, or {@code data.signature}); otherwise null
 * @param answer the whole answer, as JSON
 */
public record EncrataTestDelivery(String signature, JsonNode answer) {

    static EncrataTestDelivery of(JsonNode answer) {
        JsonNode signature = answer.path("signature");
        if (!signature.isString()) {
            signature = answer.path("data").path("signature");
        }
        return new EncrataTestDelivery(signature.isString() ? signature.stringValue() : null, answer);
    }
}
