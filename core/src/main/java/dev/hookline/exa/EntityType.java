package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** The kind of entity a webset collects, as in a search's or import's {@code entity.type}. */
public enum EntityType {
    /** {@code company}. */
    COMPANY,
    /** {@code person}. */
    PERSON,
    /** {@code article}. */
    ARTICLE,
    /** {@code research_paper}. */
    RESEARCH_PAPER,
    /** {@code custom}: described in free text by {@link WebsetEntity#description()}. */
    CUSTOM,
    /** A value this version does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
}
