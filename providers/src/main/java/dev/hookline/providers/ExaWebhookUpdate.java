package dev.hookline.providers;

import java.util.List;
import java.util.Map;

/**
 * What to change on an Exa webhook ({@code PATCH /v0/webhooks/{id}}); a null field is left as it is.
 *
 * <pre>{@code
 * exa.updateWebhook(id, ExaWebhookUpdate.none().withEvents(List.of("webset.item.created")));
 * }</pre>
 *
 * @param events the event types to receive instead, or null
 * @param url the new URL, or null
 * @param metadata the new key-value pairs, or null
 */
public record ExaWebhookUpdate(List<String> events, String url, Map<String, String> metadata) {

    /** Copies the lists and maps given. */
    public ExaWebhookUpdate {
        events = events == null ? null : List.copyOf(events);
        metadata = metadata == null ? null : Map.copyOf(metadata);
    }

    /**
     * An update that changes nothing yet.
     *
     * @return the update
     */
    public static ExaWebhookUpdate none() {
        return new ExaWebhookUpdate(null, null, null);
    }

    /**
     * This update, also replacing the event types.
     *
     * @param newEvents the event types to receive
     * @return the update
     */
    public ExaWebhookUpdate withEvents(List<String> newEvents) {
        return new ExaWebhookUpdate(newEvents, url, metadata);
    }

    /**
     * This update, also changing the URL.
     *
     * @param newUrl where to post events
     * @return the update
     */
    public ExaWebhookUpdate withUrl(String newUrl) {
        return new ExaWebhookUpdate(events, newUrl, metadata);
    }

    /**
     * This update, also replacing the metadata.
     *
     * @param newMetadata the key-value pairs
     * @return the update
     */
    public ExaWebhookUpdate withMetadata(Map<String, String> newMetadata) {
        return new ExaWebhookUpdate(events, url, newMetadata);
    }

    /** Whether it changes nothing. */
    public boolean isEmpty() {
        return events == null && url == null && metadata == null;
    }
}
