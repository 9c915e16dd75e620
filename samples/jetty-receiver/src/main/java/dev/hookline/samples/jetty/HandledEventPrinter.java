package dev.hookline.samples.jetty;

import dev.hookline.Outcome;
import dev.hookline.OutcomeObserver;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Prints one line to standard output for each event whose handlers all ran:
 * {@code handled provider=<endpoint> type=<type> id=<id>}.
 *
 * <p>It listens to outcomes rather than being a handler, so that the line stands for the whole
 * delivery: printed once however many handlers matched, and not at all for a duplicate, a refused
 * delivery, or one whose handler failed (which the sender retries). Thread-safe: each line is
 * written and flushed whole.
 */
final class HandledEventPrinter implements OutcomeObserver {

    private final PrintStream out;

    HandledEventPrinter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onOutcome(Outcome outcome) {
        if (outcome.status() != Outcome.Status.ACCEPTED) {
            return;
        }
        String line = "handled provider=" + outcome.endpoint() + " type=" + outcome.eventType()
                + " id=" + outcome.eventId();
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
