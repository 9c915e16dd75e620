package dev.hookline.event;

import dev.hookline.Provider;
import dev.hookline.delivery.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import tools.jackson.databind.JavaType;

/** Events as handlers see them, made straight from bodies, for tests of envelopes, binding and routing. */
public final class TestEvents {

    private TestEvents() {
    }

    /**
     * A body read with the provider's envelope and the default mapper, as the accept stage reads it.
     *
     * @throws MalformedPayloadException as the envelope throws it
     */
    public static WebhookEvent read(Provider provider, Headers headers, byte[] body) {
        return read(provider.name(), provider.envelope(), headers, body);
    }

    /** A body read with a format and the default mapper; the provider is named {@code provider}. */
    public static WebhookEvent read(String provider, EnvelopeFormat format, Headers headers, byte[] body) {
        return read(provider, format, headers, body, null);
    }

    /**
     * A body read as the whole path reads it, its data bound on the way to the type {@code dataTypes} gives.
     *
     * @throws MalformedPayloadException as the envelope throws it
     */
    public static WebhookEvent read(Provider provider, Headers headers, byte[] body,
                                    Function<String, JavaType> dataTypes) {
        return read(provider.name(), provider.envelope(), headers, body, dataTypes);
    }

    private static WebhookEvent read(String provider, EnvelopeFormat format, Headers headers, byte[] body,
                                     Function<String, JavaType> dataTypes) {
        Envelope envelope = dataTypes == null ? format.read(headers, body, EventJson.mapper())
                : format.read(headers, body, EventJson.mapper(), dataTypes);
        VerifiedEvent verified = new VerifiedEvent(provider, provider, envelope.id(), envelope.type(), envelope.time(),
                Instant.EPOCH, null, headers.only(format.headersRead()), body);
        return new WebhookEvent(verified, 1, envelope, EventJson.mapper());
    }

    /** An event of the given type whose data is {@code dataJson}. */
    public static WebhookEvent of(String type, String dataJson) {
        byte[] body = dataJson.getBytes(StandardCharsets.UTF_8);
        VerifiedEvent verified = new VerifiedEvent("test", "test", "evt_1", type, null, Instant.EPOCH, null,
                Headers.empty(), body);
        return new WebhookEvent(verified, 1, EventJson.mapper().readTree(dataJson), EventJson.mapper());
    }
}
