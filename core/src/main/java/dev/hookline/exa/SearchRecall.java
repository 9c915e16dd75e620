package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Exa's estimate of how many matching entities exist in total.
 *
 * @param expected the estimate
 * @param reasoning how it was reached
 */
public record SearchRecall(Expected expected, String reasoning) {

    /**
     * An estimated total with its confidence and range.
     *
     * @param total the most likely number of matching entities
     * @param confidence how sure the estimate is
     * @param bounds the plausible range
     */
    public record Expected(Integer total, Confidence confidence, Bounds bounds) {
    }

    /**
     * A plausible range for the total.
     *
     * @param min the lower bound
     * @param max the upper bound
     */
    public record Bounds(Integer min, Integer max) {
    }

    /** How sure an estimate is. */
    public enum Confidence {
        /** {@code high}. */
        HIGH,
        /** {@code medium}. */
        MEDIUM,
        /** {@code low}. */
        LOW,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
