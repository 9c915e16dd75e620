package dev.hookline;

import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.delivery.Reason;
import dev.hookline.event.Envelope;
import dev.hookline.event.MalformedPayloadException;
import dev.hookline.event.PayloadFailure;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.signature.SignatureVerificationException;
import dev.hookline.signature.SignatureVerifier;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

/**
 * The accept stage of an endpoint: a delivery and the time it was received become a {@link VerifiedEvent}, or a
 * rejection with its reason. It checks the signature over the raw body, only then reads the envelope, and checks
 * the event's age where the provider signs no timestamp. It runs no handler and records nothing, so what it
 * accepts can be answered at once and dispatched later ({@link Dispatcher}), here or in another process.
 *
 * <p>Built by {@link WebhookEndpoint.Builder}; immutable and thread-safe.
 */
public final class Acceptor {

    private final String endpoint;
    private final Provider provider;
    private final SignatureVerifier verifier;
    private final Duration maxEventAge;
    /**
     * How long after receipt a replay's signed timestamp could still pass: twice the tolerance, as a signed
     * timestamp may lie up to the tolerance after receipt. Null when no signed timestamp is checked.
     */
    private final Duration replayMargin;
    private final ObjectMapper mapper;

    Acceptor(String endpoint, Provider provider, SignatureVerifier verifier, Duration maxEventAge,
             ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.provider = provider;
        this.verifier = verifier;
        this.maxEventAge = maxEventAge;
        Duration tolerance = provider.scheme().signsTimestamp() ? verifier.tolerance() : null;
        // a tolerance too long to double is past the last instant anyway: replayableUntil makes that Instant.MAX
        this.replayMargin = tolerance == null ? null
                : tolerance.getSeconds() >= Long.MAX_VALUE / 2 ? ChronoUnit.FOREVER.getDuration()
                : tolerance.multipliedBy(2);
        this.mapper = mapper;
    }

    /**
     * Verifies and reads one delivery.
     *
     * @param delivery the headers and raw body
     * @param receivedAt when it arrived: the signed timestamp and the event's time are judged as of then
     * @return the verified event, or the rejection; nothing the sender controls makes it throw
     */
    public Acceptance accept(Delivery delivery, Instant receivedAt) {
        return accept(delivery, receivedAt, System.nanoTime(), null);
    }

    /**
     * Verifies and reads one delivery, binding its data on the way to the type {@code dataTypes} names for its
     * event type, when the envelope can: for a delivery dispatched at once.
     *
     * @param dataTypes for an event type, the type its handlers bind data to; null to bind nothing
     */
    Acceptance accept(Delivery delivery, Instant receivedAt, long start, Function<String, JavaType> dataTypes) {
        try {
            verifier.verify(delivery.headers(), delivery.body(), receivedAt);
        } catch (SignatureVerificationException e) {
            return rejected(Outcome.Status.REJECTED, e.failure(), null, start);
        }
        Envelope envelope;
        try {
            envelope = provider.envelope().read(delivery.headers(), delivery.body(), mapper, dataTypes);
        } catch (MalformedPayloadException e) {
            return rejected(Outcome.Status.MALFORMED, e.failure(), null, start);
        }
        if (maxEventAge != null) {
            Instant time = envelope.time();
            if (time == null) {
                return rejected(Outcome.Status.MALFORMED, PayloadFailure.MISSING_EVENT_TIME, envelope, start);
            }
            if (Duration.between(time, receivedAt).abs().compareTo(maxEventAge) > 0) {
                return rejected(Outcome.Status.REJECTED, PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE, envelope, start);
            }
        }
        Headers kept = provider.envelope().headersRead().isEmpty()
                ? Headers.empty() : delivery.headers().only(provider.envelope().headersRead());
        VerifiedEvent event = new VerifiedEvent(endpoint, provider.name(), envelope.id(), envelope.type(),
                envelope.time(), receivedAt, replayableUntil(envelope, receivedAt), kept, delivery.body());
        return new Acceptance.Verified(event, envelope);
    }

    /**
     * Until when a replay of this delivery could still be accepted, so the deduplicator must remember the event:
     * the earliest end among the checks that apply (a replay must pass all of them), or null when no check
     * bounds it. A signed timestamp may lie up to the tolerance after receipt, so a replay passes until twice
     * the tolerance after it; an event time passes until the event-age window after it. An end past the last
     * instant is the last instant.
     */
    private Instant replayableUntil(Envelope envelope, Instant receivedAt) {
        Instant until = replayMargin == null ? null : plus(receivedAt, replayMargin);
        if (maxEventAge != null && envelope.time() != null) {
            Instant byEventTime = plus(envelope.time(), maxEventAge);
            until = until == null || byEventTime.isBefore(until) ? byEventTime : until;
        }
        return until;
    }

    private static Instant plus(Instant instant, Duration duration) {
        try {
            return instant.plus(duration);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    private Acceptance rejected(Outcome.Status status, Reason reason, Envelope envelope, long start) {
        return new Acceptance.Rejected(Outcome.of(endpoint, status, reason, envelope == null ? null : envelope.id(),
                envelope == null ? null : envelope.type(), 0, null, start));
    }

    /** The verifier that checks signatures, with its clock and tolerance. */
    SignatureVerifier verifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return "Acceptor[" + endpoint + ", " + verifier + (maxEventAge == null ? "" : ", maxEventAge=" + maxEventAge) + "]";
    }
}
