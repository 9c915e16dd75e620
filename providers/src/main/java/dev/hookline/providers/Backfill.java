package dev.hookline.providers;

import dev.hookline.Outcome;
import dev.hookline.WebhookEndpoint;
import dev.hookline.event.VerifiedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One backfill run: Exa's events of a window, oldest first, through an endpoint's dispatch stage. */
final class Backfill {

    private Backfill() {
    }

    static BackfillResult run(Iterator<ExaEvent> events, WebhookEndpoint endpoint, EventPosition start,
                              Instant fetchedAt) {
        int seen = 0;
        int handled = 0;
        int duplicate = 0;
        List<BackfillFailure> failures = new ArrayList<>();
        EventPosition reached = start;
        ProviderApiException error = null;
        try {
            while (events.hasNext()) {
                ExaEvent event = events.next();
                seen++;
                VerifiedEvent verified;
                try {
                    verified = event.toVerifiedEvent(endpoint.name(), fetchedAt);
                } catch (IllegalArgumentException e) {
                    failures.add(new BackfillFailure(event.id(), event.type(), "not_dispatchable",
                            "The event has no id or no type."));
                    continue;
                }
                Outcome outcome = endpoint.dispatch(verified, 1);
                switch (outcome.status()) {
                    case ACCEPTED -> handled++;
                    case DUPLICATE -> duplicate++;
                    default -> failures.add(new BackfillFailure(event.id(), event.type(), outcome.reason().code(),
                            outcome.reason().description()));
                }
                if (failures.isEmpty() && event.createdAt() != null) {
                    reached = EventPosition.after(event.createdAt(), event.id());
                }
            }
        } catch (ProviderApiException e) {
            error = e;
        }
        return new BackfillResult(seen, handled, duplicate, failures.size(), failures, reached, error);
    }

    static void checkEndpoint(WebhookEndpoint endpoint) {
        if (!endpoint.provider().name().equals(ExaEvent.PROVIDER)) {
            throw new IllegalArgumentException("Endpoint '" + endpoint.name() + "' receives from '"
                    + endpoint.provider().name() + "', not from Exa: Exa's events cannot be dispatched to it");
        }
    }
}
