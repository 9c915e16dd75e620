package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.List;

/**
 * One entity in a webset ({@code object: "webset_item"}): the data of {@code webset.item.created} and
 * {@code webset.item.enriched}.
 *
 * @param id the item id, {@code witem_...}
 * @param object {@code webset_item}
 * @param source how the item got into the webset
 * @param sourceId the search or import that added it
 * @param websetId the webset it belongs to
 * @param properties what the item is; see {@link WebsetItemProperties} for the variants
 * @param evaluations how it fared against its search's criteria
 * @param enrichments the webset's enrichment values for it, or null before any exist
 * @param createdAt when it was added
 * @param updatedAt when it last changed
 */
public record WebsetItem(
        String id,
        String object,
        Source source,
        String sourceId,
        String websetId,
        WebsetItemProperties properties,
        List<Evaluation> evaluations,
        List<EnrichmentResult> enrichments,
        Instant createdAt,
        Instant updatedAt) {

    /** How an item got into its webset. */
    public enum Source {
        /** {@code search}: found by a {@link WebsetSearch}. */
        SEARCH,
        /** {@code import}: brought in by an {@link Import}. */
        IMPORT,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
