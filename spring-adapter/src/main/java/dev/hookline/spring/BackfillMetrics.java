package dev.hookline.spring;

import dev.hookline.providers.BackfillResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what scheduled backfills recovered, in Micrometer.
 *
 * <ul>
 *   <li>{@value #EVENTS}: a counter of the events runs dispatched, tagged {@code endpoint} and {@code result}:
 *       {@code handled} (the listeners ran now: the event had been missed), {@code duplicate} (handled before, as
 *       a delivery or by an earlier run) or {@code failed} (retried by the next run).</li>
 *   <li>{@value #RUNS}: a counter of runs, tagged {@code endpoint} and {@code outcome}: {@code completed} (to the
 *       end of its window), {@code failed} (Exa's API or the position store failed; the next run tries again) or
 *       {@code skipped} (another instance's run held the position).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class BackfillMetrics implements BackfillObserver {

    /** The event counter's name. */
    public static final String EVENTS = "hookline.backfill.events";

    /** The run counter's name. */
    public static final String RUNS = "hookline.backfill.runs";

    private final Meter.MeterProvider<Counter> events;
    private final Meter.MeterProvider<Counter> runs;

    /**
     * Metrics recorded in {@code registry}.
     *
     * @param registry where meters are registered
     */
    public BackfillMetrics(MeterRegistry registry) {
        this.events = counter(registry, EVENTS, "Events scheduled backfills dispatched, by endpoint and result");
        this.runs = counter(registry, RUNS, "Scheduled backfill runs, by endpoint and outcome");
    }

    private static Meter.MeterProvider<Counter> counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).withRegistry(registry);
    }

    @Override
    public void onRun(String endpoint, BackfillResult result) {
        events.withTags("endpoint", endpoint, "result", "handled").increment(result.handled());
        events.withTags("endpoint", endpoint, "result", "duplicate").increment(result.duplicate());
        events.withTags("endpoint", endpoint, "result", "failed").increment(result.failed());
        runs.withTags("endpoint", endpoint, "outcome", result.stoppedBy().isPresent() ? "failed" : "completed")
                .increment();
    }

    @Override
    public void onSkip(String endpoint) {
        runs.withTags("endpoint", endpoint, "outcome", "skipped").increment();
    }

    @Override
    public void onFailure(String endpoint, RuntimeException failure) {
        runs.withTags("endpoint", endpoint, "outcome", "failed").increment();
    }

    @Override
    public String toString() {
        return "BackfillMetrics";
    }
}
