package dev.hookline.spring;

import dev.hookline.encrata.LookupCompleted;
import dev.hookline.event.WebhookEvent;
import dev.hookline.exa.Webset;
import dev.hookline.exa.WebsetItem;
import dev.hookline.routing.WebhookListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small application as a user would write it: MVC pages and an API protected by Spring Security, Micrometer,
 * and webhook listeners. Nothing Hookline-specific is wired by hand. No component scan, so the other tests'
 * nested configurations stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ WebhookApplication.ExaHandlers.class, WebhookApplication.EncrataHandlers.class,
        WebhookApplication.FlakyHandlers.class, WebhookApplication.PagesController.class })
class WebhookApplication {

    static class ExaHandlers {
        final List<String> items = new CopyOnWriteArrayList<>();
        final List<String> everything = new CopyOnWriteArrayList<>();

        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        void onItem(WebsetItem item) {
            items.add(item.id());
        }

        @WebhookListener(value = "*", endpoint = "exa")
        void onAny(WebhookEvent event) {
            everything.add(event.type() + "/" + event.id());
        }
    }

    static class EncrataHandlers {
        final List<String> lookups = new CopyOnWriteArrayList<>();

        @WebhookListener(value = "lookup.completed", endpoint = "encrata")
        void onLookup(LookupCompleted lookup) {
            lookups.add(lookup.email());
        }
    }

    /** Fails the first delivery of each paused webset, as a flaky downstream would. */
    static class FlakyHandlers {
        final Set<String> attempted = ConcurrentHashMap.newKeySet();
        final List<String> paused = new CopyOnWriteArrayList<>();

        @WebhookListener(value = "webset.paused", endpoint = "metered")
        void onPaused(WebhookEvent event, Webset webset) {
            if (attempted.add(event.id())) {
                throw new IllegalStateException("search index unavailable");
            }
            paused.add(webset.id());
        }

        @WebhookListener(value = "webset.item.created", endpoint = "metered")
        void onItem(WebsetItem item) {
        }
    }

    @RestController
    static class PagesController {
        @GetMapping("/page")
        String page() {
            return "a protected page";
        }

        @PostMapping("/api/notes")
        String addNote(@RequestBody String note) {
            return "saved";
        }
    }
}
