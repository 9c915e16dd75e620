package dev.hookline.encrata;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of {@code monitor.run.completed}: a monitor has finished a run.
 *
 * @param monitorId the monitor's id, from {@code monitor_id}
 * @param monitorName the monitor's name, from {@code monitor_name}
 * @param runId the run's id, from {@code run_id}
 * @param totalRecords records checked, from {@code total_records}
 * @param changesDetected records that changed since the previous run, from {@code changes_detected}
 * @param creditsUsed credits the run cost, from {@code credits_used}
 * @param test true when the dashboard sent this as a test delivery
 */
public record MonitorRunCompleted(
        @JsonProperty("monitor_id") String monitorId,
        @JsonProperty("monitor_name") String monitorName,
        @JsonProperty("run_id") String runId,
        @JsonProperty("total_records") Integer totalRecords,
        @JsonProperty("changes_detected") Integer changesDetected,
        @JsonProperty("credits_used") Integer creditsUsed,
        Boolean test) {
}
