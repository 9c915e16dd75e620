package dev.hookline.event;

import dev.hookline.delivery.Headers;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

/**
 * How a provider wraps its events: where the id, type, time and data are. Called only for deliveries
 * whose signature has been verified, and again for a stored event when it is dispatched.
 *
 * <p>{@link JsonEnvelope} covers providers whose envelope is a JSON object with those parts in fields or
 * headers; implement this interface for anything else. Implementations must be thread-safe and must
 * signal every problem with the payload by {@link MalformedPayloadException}.
 */
@FunctionalInterface
public interface EnvelopeFormat {

    /**
     * Reads one verified body as an event.
     *
     * @param headers the delivery's headers (for a stored event, those in {@link #headersRead()})
     * @param body the verified raw body
     * @param mapper the mapper to parse with
     * @return the event's id, type, time and data
     * @throws MalformedPayloadException if the payload is not an event of this format
     */
    Envelope read(Headers headers, byte[] body, ObjectMapper mapper);

    /**
     * Reads one verified body as an event, and may bind its data on the way to the type {@code dataTypes} gives
     * for the event's type, so that the handlers asking for that type find it bound and the data is read once.
     * Binding this way must give what binding the data later would: the same value, or the same failure (which is
     * then kept, not thrown). The default ignores {@code dataTypes}.
     *
     * @param headers the delivery's headers
     * @param body the verified raw body
     * @param mapper the mapper to parse and bind with
     * @param dataTypes for an event type's name, the type its handlers bind the data to (null for none); or null
     *     itself, to bind nothing
     * @return the event's id, type, time and data
     * @throws MalformedPayloadException if the payload is not an event of this format
     */
    default Envelope read(Headers headers, byte[] body, ObjectMapper mapper, Function<String, JavaType> dataTypes) {
        return read(headers, body, mapper);
    }

    /**
     * The headers this format reads an event's id or type from, lower-cased: a stored event keeps these and no
     * others. A {@link dev.hookline.Provider} refuses a format that reads a header its signature scheme does not
     * sign, unless the format {@link #trustsUnsignedHeaders() trusts unsigned headers}. The default is none.
     *
     * @return the header names, lower-case
     */
    default Set<String> headersRead() {
        return Set.of();
    }

    /**
     * Whether this format was explicitly allowed to read headers that no signature covers. Anyone holding one
     * captured delivery can then replay it with new values in them: a new id runs the handlers again, a new
     * type reaches other handlers. Deduplication then keys on the id together with the body's digest, so that
     * a replay cannot take over the id of a genuine delivery still to come. The default is false.
     *
     * @return true if unsigned headers are read on purpose
     */
    default boolean trustsUnsignedHeaders() {
        return false;
    }
}
