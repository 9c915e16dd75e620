package dev.hookline.samples.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.delivery.Reason;
import dev.hookline.event.PayloadFailure;
import dev.hookline.signature.SignatureFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The line stands for a handled delivery: once per accepted event, never for anything else. */
class HandledEventPrinterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HandledEventPrinter printer = new HandledEventPrinter(new PrintStream(out, false, StandardCharsets.UTF_8));

    private static Outcome outcome(Outcome.Status status, Reason reason, int handlers) {
        return new Outcome("exa", status, reason, "event_1", "webset.created", handlers,
                status == Outcome.Status.FAILED ? new IllegalStateException("handler broke") : null, Duration.ZERO);
    }

    @Test
    void anAcceptedEventPrintsOneFlushedLineHoweverManyHandlersRan() {
        printer.onOutcome(outcome(Outcome.Status.ACCEPTED, null, 3));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("handled provider=exa type=webset.created id=event_1" + System.lineSeparator());
    }

    @Test
    void nothingIsPrintedForADuplicateARefusalAMalformedPayloadOrAFailedHandler() {
        printer.onOutcome(outcome(Outcome.Status.DUPLICATE, null, 0));
        printer.onOutcome(outcome(Outcome.Status.REJECTED, SignatureFailure.NO_MATCHING_SIGNATURE, 0));
        printer.onOutcome(outcome(Outcome.Status.MALFORMED, PayloadFailure.INVALID_EVENT_DATA, 0));
        printer.onOutcome(outcome(Outcome.Status.FAILED, DeliveryFailure.HANDLER_FAILED, 0));

        assertThat(out.toByteArray()).isEmpty();
    }
}
