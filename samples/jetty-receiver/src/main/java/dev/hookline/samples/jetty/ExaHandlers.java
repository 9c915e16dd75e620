package dev.hookline.samples.jetty;

import dev.hookline.WebhookEndpoint;
import dev.hookline.exa.ExaEvents;
import dev.hookline.exa.WebsetItem;
import dev.hookline.exa.WebsetSearch;
import java.io.PrintStream;
import java.util.Set;

/** What the sample does with Exa events: a note on standard error, typed for a few, generic for the rest. */
final class ExaHandlers {

    private static final Set<String> TYPED = Set.of(
            ExaEvents.WEBSET_ITEM_CREATED.name(), ExaEvents.WEBSET_SEARCH_COMPLETED.name());

    private ExaHandlers() {
    }

    /**
     * Adds the handlers to an endpoint under construction.
     *
     * @param endpoint the Exa endpoint's builder
     * @param log where the notes go
     * @return the builder
     */
    static WebhookEndpoint.Builder register(WebhookEndpoint.Builder endpoint, PrintStream log) {
        return endpoint
                .on(ExaEvents.WEBSET_ITEM_CREATED, item -> log.println("[exa] new item " + item.id()
                        + " in " + item.websetId() + ": " + describe(item)))
                .on(ExaEvents.WEBSET_SEARCH_COMPLETED, search -> log.println("[exa] search " + search.id()
                        + " completed: " + found(search)))
                .onAny(event -> {
                    if (!TYPED.contains(event.type())) {
                        log.println("[exa] " + event.type() + " " + event.id() + " (no specific handler)");
                    }
                });
    }

    private static String describe(WebsetItem item) {
        if (item.properties() == null) {
            return "no properties";
        }
        return item.properties().type() + " " + item.properties().url();
    }

    private static String found(WebsetSearch search) {
        if (search.progress() == null || search.progress().found() == null) {
            return "no progress reported";
        }
        return search.progress().found() + " found";
    }
}
