package dev.hookline.test;

import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.encrata.EncrataEvents;
import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventJson;
import dev.hookline.event.EventType;
import dev.hookline.exa.ExaEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Realistic sample payloads, one for every event type Exa and Encrata document, as the provider sends them: whole
 * envelopes with made-up but plausible data. They are resources of this jar, at
 * {@code dev/hookline/test/payloads/<provider>/<type>.json} ({@link #RESOURCE_ROOT}), such as
 * {@code dev/hookline/test/payloads/exa/webset.item.created.json}, so any test can read them;
 * {@link SignedDelivery.Builder#sample(String)} signs one as a fresh event.
 *
 * <pre>{@code
 * for (String type : SamplePayloads.types(Providers.exa())) {
 *     JsonNode data = SamplePayloads.data(Providers.exa(), type);   // the envelope's "data"
 * }
 * }</pre>
 *
 * <p>The other built-in providers have no samples: their event types are the sender's own.
 * Stateless; thread-safe.
 */
public final class SamplePayloads {

    /** Where the payloads are on the class path: then {@code <provider>/<type>.json}. */
    public static final String RESOURCE_ROOT = "dev/hookline/test/payloads/";

    private SamplePayloads() {
    }

    /**
     * The event types that have a sample payload: every type of the provider's catalogue, in its order.
     *
     * @param provider {@link Providers#exa()} or {@link Providers#encrata()}; any other provider has none
     * @return the type names; empty for a provider without samples
     */
    public static List<String> types(Provider provider) {
        EventCatalog catalog = catalog(Objects.requireNonNull(provider, "provider"));
        return catalog == null ? List.of() : catalog.types().stream().map(EventType::name).toList();
    }

    /**
     * The class path resource holding one sample payload.
     *
     * @param provider the provider
     * @param type one of {@link #types(Provider)}
     * @return the resource name, such as {@code dev/hookline/test/payloads/exa/webset.item.created.json}
     * @throws IllegalArgumentException if the provider has no sample of that type
     */
    public static String resource(Provider provider, String type) {
        List<String> types = types(provider);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("There are sample payloads for Exa and Encrata only, not for '"
                    + provider.name() + "'");
        }
        if (!types.contains(type)) {
            throw new IllegalArgumentException("No " + provider.name() + " event type '" + type
                    + "' has a sample payload; SamplePayloads.types(provider) lists the " + types.size() + " that do");
        }
        return RESOURCE_ROOT + provider.name() + "/" + type + ".json";
    }

    /**
     * The exact bytes of one sample payload, as stored.
     *
     * @param provider the provider
     * @param type one of {@link #types(Provider)}
     * @return the payload, UTF-8 JSON; a new array
     * @throws IllegalArgumentException if the provider has no sample of that type
     */
    public static byte[] bytes(Provider provider, String type) {
        String resource = resource(provider, type);
        try (InputStream in = SamplePayloads.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The sample payload " + resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    /**
     * One sample payload as text.
     *
     * @param provider the provider
     * @param type one of {@link #types(Provider)}
     * @return the whole envelope, as stored
     * @throws IllegalArgumentException if the provider has no sample of that type
     */
    public static String json(Provider provider, String type) {
        return new String(bytes(provider, type), StandardCharsets.UTF_8);
    }

    /**
     * The {@code data} of one sample payload: the event's own content, to send under another envelope (such as a
     * Standard Webhooks one) or to bind to a record.
     *
     * @param provider the provider
     * @param type one of {@link #types(Provider)}
     * @return a new tree of the sample's {@code data}
     * @throws IllegalArgumentException if the provider has no sample of that type
     */
    public static JsonNode data(Provider provider, String type) {
        return EventJson.mapper().readTree(bytes(provider, type)).get("data");
    }

    private static EventCatalog catalog(Provider provider) {
        if (provider.equals(Providers.exa())) {
            return ExaEvents.catalog();
        }
        if (provider.equals(Providers.encrata())) {
            return EncrataEvents.catalog();
        }
        return null;
    }
}
