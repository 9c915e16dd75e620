package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** The form of an enrichment's values. Results always arrive as strings, whatever the format. */
public enum EnrichmentFormat {
    /** {@code text}. */
    TEXT,
    /** {@code date}. */
    DATE,
    /** {@code number}. */
    NUMBER,
    /** {@code options}: one of the enrichment's {@link WebsetEnrichment#options() options}. */
    OPTIONS,
    /** {@code email}. */
    EMAIL,
    /** {@code phone}. */
    PHONE,
    /** {@code url}. */
    URL,
    /** A value this version does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
}
