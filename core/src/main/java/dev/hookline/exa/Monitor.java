package dev.hookline.exa;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A schedule that keeps a webset up to date ({@code object: "monitor"}): the data of
 * {@code monitor.created}, {@code monitor.updated} and {@code monitor.deleted} from the Websets API.
 * Exa's Search Monitors API sends the same event names with {@code object: "search_monitor"}, which
 * does not bind here; the {@link ExaEvents} keys skip those events.
 *
 * @param id the monitor id
 * @param object {@code monitor}
 * @param websetId the webset it maintains
 * @param status whether it runs
 * @param cadence when it runs
 * @param behavior what it does on each run
 * @param lastRun its most recent run, or null before the first
 * @param nextRunAt when it runs next
 * @param metadata the caller's key-value pairs
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Monitor(
        String id,
        String object,
        String websetId,
        Status status,
        Cadence cadence,
        Behavior behavior,
        MonitorRun lastRun,
        Instant nextRunAt,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether a monitor runs. */
    public enum Status {
        /** {@code enabled}. */
        ENABLED,
        /** {@code disabled}. */
        DISABLED,
        /** A value this version does not know. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /**
     * When a monitor runs.
     *
     * @param cron a five-field cron expression
     * @param timezone the IANA time zone the expression is read in, such as {@code Etc/UTC}
     */
    public record Cadence(String cron, String timezone) {
    }

    /**
     * What a monitor does on each run.
     *
     * @param type search for new entities or refresh existing ones
     * @param config the type's settings (for a search: query, criteria, entity, count, behavior; for a
     *     refresh: what to refresh), kept as JSON because its shape varies by type
     */
    public record Behavior(MonitorBehaviorType type, JsonNode config) {
    }
}
