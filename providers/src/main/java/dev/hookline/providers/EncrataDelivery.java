package dev.hookline.providers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One of the recent deliveries of an Encrata webhook, with its retries.
 *
 * <p>{@link #payload()} is the envelope re-serialised as a JSON object, not the bytes that were signed and sent:
 * its SHA-256 is not the event id a receiver deduplicated the delivery under.
 *
 * @param id the delivery id
 * @param webhookId the webhook
 * @param eventType the event type
 * @param payload the envelope ({@code event}, {@code data}, {@code created_at}) as JSON
 * @param status where it stands
 * @param attempts how many times it was posted
 * @param responseStatus the receiver's last answer status
 * @param responseBody the receiver's last answer body
 * @param lastAttemptAt when it was last posted
 * @param createdAt when the event was queued
 */
public record EncrataDelivery(
        String id,
        @JsonProperty("webhook_id") String webhookId,
        @JsonProperty("event_type") String eventType,
        JsonNode payload,
        Status status,
        Integer attempts,
        @JsonProperty("response_status") Integer responseStatus,
        @JsonProperty("response_body") String responseBody,
        @JsonProperty("last_attempt_at") Instant lastAttemptAt,
        @JsonProperty("created_at") Instant createdAt) {

    /** Where a delivery stands. */
    public enum Status {
        /** {@code pending}: not yet acknowledged, retries to come. */
        @JsonProperty("pending")
        PENDING,
        /** {@code success}: acknowledged with a 2xx. */
        @JsonProperty("success")
        SUCCESS,
        /** {@code failed}: given up. */
        @JsonProperty("failed")
        FAILED,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        @JsonProperty("unknown")
        UNKNOWN
    }

    /** Names the delivery; never shows the payload or the receiver's answer body. */
    @Override
    public String toString() {
        return "EncrataDelivery[id=" + id + ", webhookId=" + webhookId + ", eventType=" + eventType + ", status="
                + status + ", attempts=" + attempts + ", responseStatus=" + responseStatus + ", lastAttemptAt="
                + lastAttemptAt + ", createdAt=" + createdAt + "]";
    }
}
