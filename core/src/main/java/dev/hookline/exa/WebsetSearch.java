package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A search that finds entities for a webset ({@code object: "webset_search"}): the data of the
 * {@code webset.search.*} events.
 *
 * @param id the search id, {@code wsearch_...}
 * @param object {@code webset_search}
 * @param websetId the webset it fills
 * @param status where the search is in its life cycle
 * @param query the natural-language query
 * @param entity what it looks for
 * @param criteria the conditions every result must meet
 * @param count how many results were asked for
 * @param behavior whether results replace or add to the webset's items
 * @param exclude collections whose entities are left out
 * @param scope collections the search is limited to
 * @param progress how far it has got
 * @param recall the estimated total number of matches
 * @param metadata the caller's key-value pairs
 * @param maxPeoplePerCompany for person searches, at most this many people from one company
 * @param canceledAt when it was canceled
 * @param canceledReason why it was canceled
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record WebsetSearch(
        String id,
        String object,
        String websetId,
        Status status,
        String query,
        WebsetEntity entity,
        List<SearchCriterion> criteria,
        Integer count,
        Behavior behavior,
        List<Exclude> exclude,
        List<SearchScope> scope,
        SearchProgress progress,
        SearchRecall recall,
        Map<String, String> metadata,
        Integer maxPeoplePerCompany,
        Instant canceledAt,
        CanceledReason canceledReason,
        Instant createdAt,
        Instant updatedAt) {

    /** Where a search is in its life cycle. */
    public enum Status {
        /** {@code created}. */
        CREATED,
        /** {@code pending}. */
        PENDING,
        /** {@code running}. */
        RUNNING,
        /** {@code completed}. */
        COMPLETED,
        /** {@code canceled}. */
        CANCELED,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /** What a search does with the webset's existing items. */
    public enum Behavior {
        /** {@code override}: results replace the existing items. */
        OVERRIDE,
        /** {@code append}: results are added to them. */
        APPEND,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /** Why a search was canceled. */
    public enum CanceledReason {
        /** {@code webset_deleted}. */
        WEBSET_DELETED,
        /** {@code webset_canceled}. */
        WEBSET_CANCELED,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
