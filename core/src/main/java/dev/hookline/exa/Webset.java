package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A collection of entities Exa finds and keeps enriched ({@code object: "webset"}): the data of
 * {@code webset.created}, {@code webset.deleted}, {@code webset.paused} and {@code webset.idle}.
 *
 * @param id the webset id, {@code webset_...}
 * @param object {@code webset}
 * @param status whether it is working
 * @param externalId the caller's own id for it
 * @param title its name
 * @param dashboardUrl where to see it in Exa's dashboard
 * @param searches its searches
 * @param imports its imports
 * @param enrichments its enrichments
 * @param monitors its monitors
 * @param excludes collections whose entities it leaves out
 * @param metadata the caller's key-value pairs
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Webset(
        String id,
        String object,
        Status status,
        String externalId,
        String title,
        String dashboardUrl,
        List<WebsetSearch> searches,
        List<Import> imports,
        List<WebsetEnrichment> enrichments,
        List<Monitor> monitors,
        List<Exclude> excludes,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether a webset is working. */
    public enum Status {
        /** {@code idle}: nothing running. */
        IDLE,
        /** {@code pending}: work queued. */
        PENDING,
        /** {@code running}: a search or enrichment is running. */
        RUNNING,
        /** {@code paused}. */
        PAUSED,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
