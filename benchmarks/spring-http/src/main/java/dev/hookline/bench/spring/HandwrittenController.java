package dev.hookline.bench.spring;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Standard Webhooks receiver as a careful application writes it without Hookline: the library's {@code verify}
 * over the body as a {@code String}, then Jackson's tree of it. 204 once handled, 401 when the signature or
 * timestamp does not verify, 400 when a header is missing or the body is not an event. No deduplication.
 */
@RestController
class HandwrittenController {

    private final Webhook webhook;
    private final JsonMapper json;
    private final BenchCounters counters;

    HandwrittenController(@Value("${bench.secret}") String secret, JsonMapper json, BenchCounters counters)
            throws EmptyWebhookSecretException {
        this.webhook = new Webhook(secret);
        this.json = json;
        this.counters = counters;
    }

    @PostMapping("/webhooks/handwritten")
    ResponseEntity<Void> receive(@RequestBody String body, @RequestHeader("webhook-id") String id,
                                 @RequestHeader("webhook-timestamp") String timestamp,
                                 @RequestHeader("webhook-signature") String signature) {
        try {
            webhook.verify(body, Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(timestamp),
                    "webhook-signature", List.of(signature)));
        } catch (WebhookVerificationException e) {
            counters.handwrittenRejected.increment();
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            counters.handwrittenMalformed.increment();
            return ResponseEntity.badRequest().build();
        }
        if (!event.path("type").isString() || !event.path("data").path("id").isString()) {
            counters.handwrittenMalformed.increment();
            return ResponseEntity.badRequest().build();
        }
        counters.handwritten.increment();
        return ResponseEntity.noContent().build();
    }
}
