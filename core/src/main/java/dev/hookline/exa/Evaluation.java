package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.List;

/**
 * How an item fared against one of its search's criteria.
 *
 * @param criterion the criterion's description
 * @param reasoning why Exa decided as it did
 * @param satisfied the verdict
 * @param references the sources behind it
 */
public record Evaluation(String criterion, String reasoning, Satisfied satisfied, List<Reference> references) {

    /** Whether an item meets a criterion. */
    public enum Satisfied {
        /** {@code yes}. */
        YES,
        /** {@code no}. */
        NO,
        /** {@code unclear}. */
        UNCLEAR,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
