package dev.hookline.providers;

import java.time.Instant;
import java.util.Map;

/**
 * One attempt by Exa to deliver an event to a webhook ({@code object: "webhook_attempt"}).
 *
 * @param id the attempt id
 * @param object {@code webhook_attempt}
 * @param eventId the event delivered
 * @param eventType its type
 * @param webhookId the webhook
 * @param url where it was posted
 * @param successful whether the receiver acknowledged it
 * @param responseHeaders the receiver's answer headers
 * @param responseBody the receiver's answer body
 * @param responseStatusCode the receiver's answer status
 * @param attempt 1 for the first attempt at this event, 2 for the first retry...
 * @param attemptedAt when it was made
 */
public record ExaWebhookAttempt(String id, String object, String eventId, String eventType, String webhookId,
                                String url, Boolean successful, Map<String, String> responseHeaders,
                                String responseBody, Integer responseStatusCode, Integer attempt,
                                Instant attemptedAt) {
}
