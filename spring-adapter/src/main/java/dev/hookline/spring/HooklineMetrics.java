package dev.hookline.spring;

import dev.hookline.Outcome;
import dev.hookline.OutcomeObserver;
import dev.hookline.servlet.RefusalObserver;
import dev.hookline.servlet.RequestFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts and times webhook deliveries in Micrometer.
 *
 * <ul>
 *   <li>{@value #DELIVERIES}: a counter tagged {@code endpoint}, {@code type} (the event type, or {@value #NONE}
 *       when no event was read), {@code outcome} ({@code accepted}, {@code duplicate}, {@code rejected},
 *       {@code malformed}, {@code failed}, or {@value #REFUSED} for requests the servlet adapter answered before
 *       the endpoint: 405, 413, a body cut short, a body not read in time (408)) and {@code reason} (the reason code, or {@value #NONE}).</li>
 *   <li>{@value #HANDLING}: a timer of the endpoint's own time per delivery, tagged {@code endpoint} and
 *       {@code outcome}.</li>
 * </ul>
 *
 * <p>Event types come only from authentic deliveries, but a sender may still use more types than are worth a
 * time series each (Standard Webhooks types are whatever the sender makes up). So each endpoint tags at most
 * {@code maxEventTypes} distinct types, the first ones seen; later new types are tagged {@value #OTHER}.
 *
 * <p>Thread-safe.
 */
public final class HooklineMetrics implements OutcomeObserver, RefusalObserver {

    /** The delivery counter's name. */
    public static final String DELIVERIES = "hookline.deliveries";

    /** The handling timer's name. */
    public static final String HANDLING = "hookline.handling";

    /** The tag value for a type or reason that does not apply. */
    public static final String NONE = "none";

    /** The type tag for event types beyond an endpoint's limit. */
    public static final String OTHER = "other";

    /** The outcome tag for requests refused before the endpoint. */
    public static final String REFUSED = "refused";

    private final Meter.MeterProvider<Counter> deliveries;
    private final Meter.MeterProvider<Timer> handling;
    private final int maxEventTypes;
    private final Map<String, Set<String>> typesByEndpoint = new ConcurrentHashMap<>();

    /**
     * Metrics recorded in {@code registry}.
     *
     * @param registry where meters are registered
     * @param maxEventTypes the most distinct {@code type} tag values per endpoint
     */
    public HooklineMetrics(MeterRegistry registry, int maxEventTypes) {
        if (maxEventTypes < 0) {
            throw new IllegalArgumentException("maxEventTypes must not be negative, was " + maxEventTypes);
        }
        this.deliveries = Counter.builder(DELIVERIES)
                .description("Webhook deliveries by endpoint, event type, outcome and reason")
                .withRegistry(registry);
        this.handling = Timer.builder(HANDLING)
                .description("Time an endpoint took to verify, parse, deduplicate and handle a delivery")
                .withRegistry(registry);
        this.maxEventTypes = maxEventTypes;
    }

    @Override
    public void onOutcome(Outcome outcome) {
        String outcomeTag = outcome.status().name().toLowerCase(Locale.ROOT);
        deliveries.withTags("endpoint", outcome.endpoint(), "type", typeTag(outcome.endpoint(), outcome.eventType()),
                "outcome", outcomeTag, "reason", outcome.reason() == null ? NONE : outcome.reason().code()).increment();
        handling.withTags("endpoint", outcome.endpoint(), "outcome", outcomeTag).record(outcome.elapsed());
    }

    @Override
    public void onRefusal(String endpoint, RequestFailure failure) {
        deliveries.withTags("endpoint", endpoint, "type", NONE, "outcome", REFUSED, "reason", failure.code())
                .increment();
    }

    private String typeTag(String endpoint, String type) {
        if (type == null) {
            return NONE;
        }
        Set<String> seen = typesByEndpoint.computeIfAbsent(endpoint, e -> ConcurrentHashMap.newKeySet());
        if (seen.contains(type)) {
            return type;
        }
        synchronized (seen) {
            if (seen.size() < maxEventTypes) {
                seen.add(type);
                return type;
            }
        }
        return OTHER;
    }

    @Override
    public String toString() {
        return "HooklineMetrics[maxEventTypes=" + maxEventTypes + "]";
    }
}
