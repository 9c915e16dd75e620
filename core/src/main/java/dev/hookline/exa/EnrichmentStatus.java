package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Where an enrichment, or one item's enrichment result, is in its life cycle. */
public enum EnrichmentStatus {
    /** {@code pending}. */
    PENDING,
    /** {@code canceled}. */
    CANCELED,
    /** {@code completed}. */
    COMPLETED,
    /** A value this version does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
}
