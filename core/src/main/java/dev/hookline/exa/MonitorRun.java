package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;

/**
 * One scheduled execution of a {@link Monitor} ({@code object: "monitor_run"}): the data of
 * {@code monitor.run.created} and {@code monitor.run.completed}, and a monitor's {@code lastRun}.
 *
 * @param id the run id
 * @param object {@code monitor_run}
 * @param monitorId the monitor it belongs to
 * @param status where it is in its life cycle
 * @param type what the run does
 * @param completedAt when it completed
 * @param failedAt when it failed
 * @param failedReason why it failed, as free text
 * @param canceledAt when it was canceled
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record MonitorRun(
        String id,
        String object,
        String monitorId,
        Status status,
        MonitorBehaviorType type,
        Instant completedAt,
        Instant failedAt,
        String failedReason,
        Instant canceledAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Where a run is in its life cycle. */
    public enum Status {
        /** {@code created}. */
        CREATED,
        /** {@code running}. */
        RUNNING,
        /** {@code completed}. */
        COMPLETED,
        /** {@code canceled}. */
        CANCELED,
        /** {@code failed}. */
        FAILED,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
