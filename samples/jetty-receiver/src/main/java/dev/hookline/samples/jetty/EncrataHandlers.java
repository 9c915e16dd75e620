package dev.hookline.samples.jetty;

import dev.hookline.WebhookEndpoint;
import dev.hookline.encrata.EncrataEvents;
import java.io.PrintStream;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** What the sample does with Encrata events: a note on standard error, typed for a few, generic for the rest. */
final class EncrataHandlers {

    private static final Set<String> TYPED = Set.of(
            EncrataEvents.LOOKUP_COMPLETED.name(), EncrataEvents.CREDITS_LOW.name());

    private EncrataHandlers() {
    }

    /**
     * Adds the handlers to an endpoint under construction.
     *
     * @param endpoint the Encrata endpoint's builder
     * @param log where the notes go
     * @return the builder
     */
    static WebhookEndpoint.Builder register(WebhookEndpoint.Builder endpoint, PrintStream log) {
        return endpoint
                .on(EncrataEvents.LOOKUP_COMPLETED, lookup -> log.println("[encrata] lookup "
                        + (lookup.lookupId() == null ? "(no id)" : lookup.lookupId()) + " completed"))
                .on(EncrataEvents.CREDITS_LOW, data -> log.println("[encrata] credits low: "
                        + text(data, "credits_remaining") + " left, threshold " + text(data, "threshold")))
                .onAny(event -> {
                    if (!TYPED.contains(event.type())) {
                        log.println("[encrata] " + event.type() + " (no specific handler)");
                    }
                });
    }

    /** A field of raw data as text; Encrata does not document these payloads, so anything may be missing. */
    private static String text(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value == null || value.isNull() ? "?" : value.asString();
    }
}
