package dev.hookline.providers;

import java.util.List;
import java.util.Objects;

/**
 * What to change on an Encrata webhook ({@code PUT /api/webhooks}); a null field is left as it is.
 *
 * <pre>{@code
 * encrata.updateWebhook(EncrataWebhookUpdate.of(id).withActive(false));   // pause deliveries
 * }</pre>
 *
 * @param id the webhook id
 * @param url the new URL (https), or null
 * @param events the event types to receive instead, or null
 * @param description the new note, or null
 * @param active false to pause deliveries, true to resume them ({@code is_active}), or null
 */
public record EncrataWebhookUpdate(String id, String url, List<String> events, String description, Boolean active) {

    /** Checks the id and copies the events. */
    public EncrataWebhookUpdate {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A webhook id is required");
        }
        events = events == null ? null : List.copyOf(events);
    }

    /**
     * An update of one webhook that changes nothing yet.
     *
     * @param id the webhook id
     * @return the update
     */
    public static EncrataWebhookUpdate of(String id) {
        return new EncrataWebhookUpdate(id, null, null, null, null);
    }

    /**
     * This update, also changing the URL.
     *
     * @param newUrl where to post events
     * @return the update
     */
    public EncrataWebhookUpdate withUrl(String newUrl) {
        return new EncrataWebhookUpdate(id, newUrl, events, description, active);
    }

    /**
     * This update, also replacing the event types.
     *
     * @param newEvents the event types to receive
     * @return the update
     */
    public EncrataWebhookUpdate withEvents(List<String> newEvents) {
        return new EncrataWebhookUpdate(id, url, newEvents, description, active);
    }

    /**
     * This update, also changing the note.
     *
     * @param newDescription the note
     * @return the update
     */
    public EncrataWebhookUpdate withDescription(String newDescription) {
        return new EncrataWebhookUpdate(id, url, events, newDescription, active);
    }

    /**
     * This update, also pausing ({@code false}) or resuming ({@code true}) deliveries.
     *
     * @param isActive whether Encrata should deliver
     * @return the update
     */
    public EncrataWebhookUpdate withActive(boolean isActive) {
        return new EncrataWebhookUpdate(id, url, events, description, isActive);
    }

    /** Whether it changes nothing. */
    public boolean isEmpty() {
        return url == null && events == null && description == null && active == null;
    }
}
