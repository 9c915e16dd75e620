package dev.hookline.spring;

import dev.hookline.jdbc.InboxState;
import dev.hookline.jdbc.InboxStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * Gauges of the durable inbox in Micrometer:
 * <ul>
 *   <li>{@value #ROWS}: the number of events in each state, tagged {@code state} ({@code pending}, {@code running},
 *       {@code retrying}, {@code done}, {@code dead});</li>
 *   <li>{@value #OLDEST_WAITING}: how long the oldest pending or retrying event has waited since it was received,
 *       in seconds; 0 when none waits.</li>
 * </ul>
 * The figures are read from the database at most once every few seconds, whatever the number of scrapes; when it
 * cannot be reached, the gauges read NaN. Thread-safe.
 */
public final class InboxMetrics implements MeterBinder {

    /** The gauge of events per state. */
    public static final String ROWS = "hookline.inbox.events";

    /** The gauge of the oldest waiting event's age. */
    public static final String OLDEST_WAITING = "hookline.inbox.oldest.waiting";

    private final InboxStatsCache stats;

    InboxMetrics(InboxStatsCache stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (InboxState state : InboxState.values()) {
            Gauge.builder(ROWS, stats, cache -> count(cache.get(), state))
                    .description("Events in the durable inbox, by state")
                    .tag("state", state.code())
                    .strongReference(true)
                    .register(registry);
        }
        TimeGauge.builder(OLDEST_WAITING, stats, TimeUnit.SECONDS, cache -> age(cache.get()))
                .description("How long the oldest pending or retrying event in the inbox has waited since its receipt")
                .strongReference(true)
                .register(registry);
    }

    private static double count(InboxStats stats, InboxState state) {
        return stats == null ? Double.NaN : stats.count(state);
    }

    private static double age(InboxStats stats) {
        if (stats == null) {
            return Double.NaN;
        }
        return stats.oldestWaitingAge().map(age -> age.toMillis() / 1000.0).orElse(0.0);
    }

    @Override
    public String toString() {
        return "InboxMetrics";
    }
}
