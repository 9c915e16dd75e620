package dev.hookline.exa;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A column of extra information Exa fills in for every item of a webset
 * ({@code object: "webset_enrichment"}).
 *
 * @param id the enrichment id, {@code wenrich_...}
 * @param object {@code webset_enrichment}
 * @param websetId the webset it belongs to
 * @param status where it is in its life cycle
 * @param title a short name Exa derives from the description
 * @param description what to find out about each item
 * @param format the form of its values
 * @param options the allowed values when {@code format} is {@link EnrichmentFormat#OPTIONS}
 * @param instructions how Exa interpreted the description
 * @param metadata the caller's key-value pairs
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record WebsetEnrichment(
        String id,
        String object,
        String websetId,
        EnrichmentStatus status,
        String title,
        String description,
        EnrichmentFormat format,
        List<Option> options,
        String instructions,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * One allowed value of an options enrichment.
     *
     * @param label the value
     */
    public record Option(String label) {
    }
}
