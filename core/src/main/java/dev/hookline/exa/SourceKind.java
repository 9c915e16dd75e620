package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What an {@link Exclude} or {@link SearchScope} entry points to. */
public enum SourceKind {
    /** {@code import}: an {@link Import}. */
    IMPORT,
    /** {@code webset}: another {@link Webset}. */
    WEBSET,
    /** A value this version does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
}
