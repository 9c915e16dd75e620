package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What a monitor does on each run, and so what kind of run a {@link MonitorRun} is. */
public enum MonitorBehaviorType {
    /** {@code search}: look for new entities. */
    SEARCH,
    /** {@code refresh}: update existing items or their enrichments. */
    REFRESH,
    /** A value this version does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
}
