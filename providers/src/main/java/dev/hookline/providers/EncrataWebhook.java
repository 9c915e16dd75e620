package dev.hookline.providers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A webhook registered with Encrata: where Encrata posts which events.
 *
 * <p>{@link #secret()} is the signing secret ({@code whsec_} and 64 hex digits), given in the answer to
 * {@link EncrataClient#createWebhook}: store it at once, as the receiving endpoint verifies with it.
 * {@link #toString()} masks it.
 *
 * @param id the webhook id, a UUID
 * @param workspaceId the workspace it belongs to
 * @param url where the events are posted
 * @param secret the signing secret when Encrata includes it (on creation); otherwise null
 * @param events the event types it receives
 * @param active whether Encrata delivers to it ({@code is_active}); false while paused
 * @param description the caller's note
 * @param createdBy who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record EncrataWebhook(
        String id,
        @JsonProperty("workspace_id") String workspaceId,
        String url,
        String secret,
        List<String> events,
        @JsonProperty("is_active") Boolean active,
        String description,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** Names every field but the secret, which is shown as {@code ******} when present. */
    @Override
    public String toString() {
        return "EncrataWebhook[id=" + id + ", workspaceId=" + workspaceId + ", url=" + url + ", secret="
                + (secret == null ? "null" : "******") + ", events=" + events + ", active=" + active
                + ", description=" + description + ", createdBy=" + createdBy + ", createdAt=" + createdAt
                + ", updatedAt=" + updatedAt + "]";
    }
}
