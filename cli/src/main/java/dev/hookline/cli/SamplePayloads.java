package dev.hookline.cli;

import dev.hookline.encrata.EncrataEvents;
import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventType;
import dev.hookline.exa.ExaEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sample payloads, one realistic envelope per Exa and Encrata event type, read from the classpath
 * under {@code payloads/<provider>/<type>.json}.
 *
 * <p>Standard Webhooks has no event types of its own: it takes the names of both, and wraps the
 * {@code data} of the Exa payload of that name (or, failing that, the Encrata one).
 */
public final class SamplePayloads {

    private SamplePayloads() {
    }

    /**
     * The events that can be sent as {@code provider}, in catalogue order.
     *
     * @param provider the provider
     * @return the event type names
     */
    public static List<String> events(SampleProvider provider) {
        return switch (provider) {
            case EXA -> names(ExaEvents.catalog());
            case ENCRATA -> names(EncrataEvents.catalog());
            case STANDARD, SVIX, STRIPE, GITHUB -> {
                Set<String> both = new LinkedHashSet<>(names(ExaEvents.catalog()));
                both.addAll(names(EncrataEvents.catalog()));
                yield List.copyOf(both);
            }
        };
    }

    /**
     * The provider whose payload a {@code provider} event is made from: itself, except for Standard
     * Webhooks, which borrows Exa's or else Encrata's.
     *
     * @param provider the provider sending
     * @param event one of {@link #events(SampleProvider)}
     * @return the provider whose payload file is read
     */
    public static SampleProvider source(SampleProvider provider, String event) {
        if (!provider.borrowsPayloads()) {
            return provider;
        }
        return events(SampleProvider.EXA).contains(event) ? SampleProvider.EXA : SampleProvider.ENCRATA;
    }

    /**
     * Reads the payload file for an event.
     *
     * @param provider the provider sending
     * @param event one of {@link #events(SampleProvider)}
     * @return the file's bytes, as stored
     * @throws IllegalArgumentException if {@code provider} has no such event
     */
    public static byte[] read(SampleProvider provider, String event) {
        if (!events(provider).contains(event)) {
            throw new IllegalArgumentException("No " + provider.id() + " event named '" + event + "'");
        }
        String resource = "payloads/" + source(provider, event).id() + "/" + event + ".json";
        try (InputStream in = SamplePayloads.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The sample payload " + resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    private static List<String> names(EventCatalog catalog) {
        return catalog.types().stream().map(EventType::name).toList();
    }
}
