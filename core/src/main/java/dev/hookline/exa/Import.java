package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Map;

/**
 * A bulk load of entities, from a CSV file or another webset ({@code object: "import"}): the data of
 * {@code import.created} and {@code import.completed}.
 *
 * @param id the import id
 * @param object {@code import}
 * @param status where it is in its life cycle
 * @param format where the entities come from
 * @param entity what the entities are
 * @param title its name
 * @param count how many entities it holds
 * @param metadata the caller's key-value pairs
 * @param failedReason why it failed, when {@code status} is {@link Status#FAILED}
 * @param failedAt when it failed
 * @param failedMessage a human-readable account of the failure
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Import(
        String id,
        String object,
        Status status,
        Format format,
        WebsetEntity entity,
        String title,
        Integer count,
        Map<String, String> metadata,
        FailedReason failedReason,
        Instant failedAt,
        String failedMessage,
        Instant createdAt,
        Instant updatedAt) {

    /** Where an import is in its life cycle. */
    public enum Status {
        /** {@code pending}. */
        PENDING,
        /** {@code processing}. */
        PROCESSING,
        /** {@code completed}. */
        COMPLETED,
        /** {@code failed}. */
        FAILED,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /** Where an import's entities come from. */
    public enum Format {
        /** {@code csv}: an uploaded file. */
        CSV,
        /** {@code webset}: another webset. */
        WEBSET,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /** Why an import failed. */
    public enum FailedReason {
        /** {@code invalid_format}. */
        INVALID_FORMAT,
        /** {@code invalid_file_content}. */
        INVALID_FILE_CONTENT,
        /** {@code missing_identifier}. */
        MISSING_IDENTIFIER,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
