package dev.hookline.event;

import dev.hookline.Headers;
import tools.jackson.databind.ObjectMapper;

/**
 * How a provider wraps its events: where the id, type, time and data are. Called only for deliveries
 * whose signature has been verified.
 *
 * <p>{@link JsonEnvelope} covers providers whose envelope is a JSON object with those parts in fields or
 * headers; implement this interface for anything else. Implementations must be thread-safe and must
 * signal every problem with the payload by {@link MalformedPayloadException}.
 */
@FunctionalInterface
public interface EnvelopeFormat {

    /**
     * Reads one verified delivery as an event.
     *
     * @param provider the provider's name, to put in the event
     * @param headers the delivery's headers
     * @param body the verified raw body
     * @param mapper the mapper to parse and later bind with
     * @return the event
     * @throws MalformedPayloadException if the payload is not an event of this format
     */
    WebhookEvent parse(String provider, Headers headers, byte[] body, ObjectMapper mapper);
}
