package dev.hookline.bench.spring;

import dev.hookline.Outcome;
import dev.hookline.OutcomeObserver;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * What each endpoint has handled since start, and, as the starter's outcome observer, every outcome of Hookline's
 * endpoint. Thread-safe.
 */
@Component
class BenchCounters implements OutcomeObserver {

    /** Events Hookline's listener handled. */
    final LongAdder hookline = new LongAdder();
    /** Deliveries the hand-written controller verified, parsed and handled. */
    final LongAdder handwritten = new LongAdder();
    /** Deliveries the hand-written controller refused: the signature or timestamp did not verify. */
    final LongAdder handwrittenRejected = new LongAdder();
    /** Verified deliveries the hand-written controller refused: not an event. */
    final LongAdder handwrittenMalformed = new LongAdder();
    /** Requests the bare endpoint answered. */
    final LongAdder bare = new LongAdder();

    private final Map<Outcome.Status, LongAdder> outcomes = new EnumMap<>(Outcome.Status.class);

    BenchCounters() {
        for (Outcome.Status status : Outcome.Status.values()) {
            outcomes.put(status, new LongAdder());
        }
    }

    @Override
    public void onOutcome(Outcome outcome) {
        outcomes.get(outcome.status()).increment();
    }

    /**
     * The counts now, flat so that a shell script can pick one out: {@code hookline_handled},
     * {@code hookline_<outcome>} for each outcome status, {@code handwritten_handled}, {@code handwritten_rejected},
     * {@code handwritten_malformed} and {@code bare_handled}.
     */
    Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("hookline_handled", hookline.sum());
        outcomes.forEach((status, count) ->
                counts.put("hookline_" + status.name().toLowerCase(Locale.ROOT), count.sum()));
        counts.put("handwritten_handled", handwritten.sum());
        counts.put("handwritten_rejected", handwrittenRejected.sum());
        counts.put("handwritten_malformed", handwrittenMalformed.sum());
        counts.put("bare_handled", bare.sum());
        return counts;
    }
}
