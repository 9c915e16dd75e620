package dev.hookline.providers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A webhook registered with Exa ({@code object: "webhook"}): where Exa posts which events.
 *
 * <p>{@link #secret()} is the signing secret, given only in the answer to {@link ExaClient#createWebhook} and null
 * everywhere else: store it at once (it is what the receiving endpoint verifies with), since Exa never shows it
 * again. {@link #toString()} masks it.
 *
 * @param id the webhook id
 * @param object {@code webhook}
 * @param status whether Exa delivers to it
 * @param events the event types it receives
 * @param url where the events are posted
 * @param secret the signing secret, only when just created; otherwise null
 * @param metadata the caller's key-value pairs
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record ExaWebhook(String id, String object, Status status, List<String> events, String url, String secret,
                         Map<String, String> metadata, Instant createdAt, Instant updatedAt) {

    /** Whether Exa delivers to a webhook. */
    public enum Status {
        /** {@code active}: events are delivered. */
        @JsonProperty("active")
        ACTIVE,
        /** {@code inactive}: nothing is delivered. */
        @JsonProperty("inactive")
        INACTIVE,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        @JsonProperty("unknown")
        UNKNOWN
    }

    /** Names every field but the secret, which is shown as {@code ******} when present. */
    @Override
    public String toString() {
        return "ExaWebhook[id=" + id + ", status=" + status + ", events=" + events + ", url=" + url
                + ", secret=" + (secret == null ? "null" : "******") + ", metadata=" + metadata
                + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + "]";
    }
}
