package dev.hookline.exa;

import static dev.hookline.exa.ExaFixtures.ENRICHMENT_EMAIL;
import static dev.hookline.exa.ExaFixtures.ENRICHMENT_FUNDING;
import static dev.hookline.exa.ExaFixtures.ENRICHMENT_MODEL;
import static dev.hookline.exa.ExaFixtures.IMPORT_CUSTOMERS;
import static dev.hookline.exa.ExaFixtures.MONITOR;
import static dev.hookline.exa.ExaFixtures.SEARCH_COMPANIES;
import static dev.hookline.exa.ExaFixtures.WEBSET_COMPANIES;
import static dev.hookline.exa.ExaFixtures.WEBSET_SCRATCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.event.WebhookEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebsetEventsTest {

    @Test
    void websetCreated() {
        WebhookEvent event = ExaFixtures.event("webset.created");
        Webset webset = event.data(ExaEvents.WEBSET_CREATED);

        assertThat(event.id()).isEqualTo("event_01k9x0skt7q2wd5n8ct4yb7kv1");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-12T21:50:51.207Z"));
        assertThat(webset.id()).isEqualTo(WEBSET_COMPANIES);
        assertThat(webset.object()).isEqualTo("webset");
        assertThat(webset.status()).isEqualTo(Webset.Status.RUNNING);
        assertThat(webset.externalId()).isEqualTo("crm-list-4821");
        assertThat(webset.title()).isEqualTo("European fintechs with a 2025 Series A");
        assertThat(webset.dashboardUrl()).isEqualTo("https://websets.exa.ai/websets/" + WEBSET_COMPANIES);
        assertThat(webset.metadata()).isEqualTo(Map.of("team", "growth", "owner", "maria.keller"));
        assertThat(webset.excludes()).containsExactly(new Exclude(SourceKind.IMPORT, IMPORT_CUSTOMERS));
        assertThat(webset.imports()).isEmpty();
        assertThat(webset.monitors()).isEmpty();
        assertThat(webset.createdAt()).isEqualTo(Instant.parse("2025-11-12T21:50:50.911Z"));
        assertThat(webset.updatedAt()).isEqualTo(Instant.parse("2025-11-12T21:50:50.911Z"));

        assertThat(webset.searches()).singleElement().satisfies(search -> {
            assertThat(search.id()).isEqualTo(SEARCH_COMPANIES);
            assertThat(search.status()).isEqualTo(WebsetSearch.Status.CREATED);
            assertThat(search.websetId()).isEqualTo(WEBSET_COMPANIES);
        });

        assertThat(webset.enrichments()).extracting(WebsetEnrichment::id)
                .containsExactly(ENRICHMENT_FUNDING, ENRICHMENT_EMAIL, ENRICHMENT_MODEL);
        assertThat(webset.enrichments()).extracting(WebsetEnrichment::format)
                .containsExactly(EnrichmentFormat.NUMBER, EnrichmentFormat.EMAIL, EnrichmentFormat.OPTIONS);
        assertThat(webset.enrichments()).extracting(WebsetEnrichment::status).containsOnly(EnrichmentStatus.PENDING);
        WebsetEnrichment model = webset.enrichments().get(2);
        assertThat(model.object()).isEqualTo("webset_enrichment");
        assertThat(model.websetId()).isEqualTo(WEBSET_COMPANIES);
        assertThat(model.title()).isEqualTo("Business model");
        assertThat(model.description()).isEqualTo("Who the company primarily sells to");
        assertThat(model.options()).containsExactly(
                new WebsetEnrichment.Option("B2B"), new WebsetEnrichment.Option("B2C"), new WebsetEnrichment.Option("B2B2C"));
        assertThat(model.instructions()).startsWith("Classify whether the company primarily sells to businesses");
        assertThat(model.metadata()).isEmpty();
        assertThat(webset.enrichments().get(0).options()).isNull();
    }

    @Test
    void websetPaused() {
        WebhookEvent event = ExaFixtures.event("webset.paused");
        Webset webset = event.data(ExaEvents.WEBSET_PAUSED);

        assertThat(event.id()).isEqualTo("event_01k9x119bgcn7vjx3fy9k2m4ht");
        assertThat(webset.id()).isEqualTo(WEBSET_COMPANIES);
        assertThat(webset.status()).isEqualTo(Webset.Status.PAUSED);
        assertThat(webset.updatedAt()).isEqualTo(Instant.parse("2025-11-12T21:55:02.603Z"));
        assertThat(webset.searches()).singleElement().satisfies(search -> {
            assertThat(search.status()).isEqualTo(WebsetSearch.Status.RUNNING);
            assertThat(search.progress()).isEqualTo(new SearchProgress(23, 271, 46.0, 168));
        });
    }

    @Test
    void websetIdle() {
        WebhookEvent event = ExaFixtures.event("webset.idle");
        Webset webset = event.data(ExaEvents.WEBSET_IDLE);

        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-12T22:15:31.012Z"));
        assertThat(webset.status()).isEqualTo(Webset.Status.IDLE);
        assertThat(webset.searches()).extracting(WebsetSearch::status).containsExactly(WebsetSearch.Status.COMPLETED);
        assertThat(webset.enrichments()).extracting(WebsetEnrichment::status)
                .containsExactly(EnrichmentStatus.COMPLETED, EnrichmentStatus.COMPLETED, EnrichmentStatus.COMPLETED);
        assertThat(webset.monitors()).singleElement().satisfies(monitor -> {
            assertThat(monitor.id()).isEqualTo(MONITOR);
            assertThat(monitor.status()).isEqualTo(Monitor.Status.ENABLED);
            assertThat(monitor.cadence()).isEqualTo(new Monitor.Cadence("0 9 * * 1", "Europe/Berlin"));
        });
    }

    @Test
    void websetDeleted() {
        WebhookEvent event = ExaFixtures.event("webset.deleted");
        Webset webset = event.data(ExaEvents.WEBSET_DELETED);

        assertThat(event.id()).isEqualTo("event_01ka1gw8ax2rd7ct9hq5nyv3ka");
        assertThat(webset.id()).isEqualTo(WEBSET_SCRATCH);
        assertThat(webset.status()).isEqualTo(Webset.Status.IDLE);
        assertThat(webset.externalId()).isNull();
        assertThat(webset.title()).isEqualTo("Scratch: AI infrastructure startups (test)");
        assertThat(webset.searches()).isEmpty();
        assertThat(webset.enrichments()).isEmpty();
        assertThat(webset.excludes()).isEmpty();
        assertThat(webset.metadata()).isEmpty();
        assertThat(webset.updatedAt()).isEqualTo(Instant.parse("2025-11-14T15:48:52.630Z"));
    }
}
