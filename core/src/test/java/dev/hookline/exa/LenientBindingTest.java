package dev.hookline.exa;

import static dev.hookline.exa.ExaFixtures.ITEM_COMPANY;
import static dev.hookline.exa.ExaFixtures.WEBSET_COMPANIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Exa adds fields and values over time: none of that may stop an event from binding. */
class LenientBindingTest {

    @Test
    void unknownFieldsAtEveryLevelAreIgnored() {
        ObjectNode tree = ExaFixtures.tree("webset.created");
        tree.put("apiVersion", "2026-01-01");
        ObjectNode data = (ObjectNode) tree.get("data");
        data.put("itemCount", 0);
        data.putObject("settings").put("region", "eu");
        ((ObjectNode) data.get("searches").get(0)).putArray("tags").add("new");
        ((ObjectNode) data.get("enrichments").get(0)).put("costPerItem", 0.25);

        Webset webset = ExaFixtures.parse(tree).data(ExaEvents.WEBSET_CREATED);

        assertThat(webset).isEqualTo(ExaFixtures.event("webset.created").data(ExaEvents.WEBSET_CREATED));
        assertThat(webset.id()).isEqualTo(WEBSET_COMPANIES);
    }

    @Test
    void unknownEnumValuesBindToUnknown() {
        ObjectNode tree = ExaFixtures.tree("webset.created");
        ObjectNode data = (ObjectNode) tree.get("data");
        data.put("status", "archived");
        ((ObjectNode) data.get("searches").get(0)).put("status", "archived");
        ((ObjectNode) data.get("searches").get(0)).put("behavior", "merge");
        ((ObjectNode) ((ObjectNode) data.get("searches").get(0)).get("entity")).put("type", "patent");
        ((ObjectNode) data.get("enrichments").get(0)).put("format", "currency");
        ((ObjectNode) data.get("excludes").get(0)).put("source", "crm");

        Webset webset = ExaFixtures.parse(tree).data(ExaEvents.WEBSET_CREATED);

        assertThat(webset.status()).isEqualTo(Webset.Status.UNKNOWN);
        WebsetSearch search = webset.searches().get(0);
        assertThat(search.status()).isEqualTo(WebsetSearch.Status.UNKNOWN);
        assertThat(search.behavior()).isEqualTo(WebsetSearch.Behavior.UNKNOWN);
        assertThat(search.entity().type()).isEqualTo(EntityType.UNKNOWN);
        assertThat(webset.enrichments().get(0).format()).isEqualTo(EnrichmentFormat.UNKNOWN);
        assertThat(webset.excludes().get(0).source()).isEqualTo(SourceKind.UNKNOWN);
        // the rest still binds
        assertThat(search.count()).isEqualTo(50);
        assertThat(webset.enrichments().get(1).format()).isEqualTo(EnrichmentFormat.EMAIL);
    }

    @Test
    void unknownEnumValuesInItemsBindToUnknown() {
        ObjectNode tree = ExaFixtures.tree("webset.item.enriched");
        ObjectNode data = (ObjectNode) tree.get("data");
        data.put("source", "api");
        ((ObjectNode) data.get("evaluations").get(0)).put("satisfied", "partially");
        ((ObjectNode) data.get("enrichments").get(0)).put("status", "failed");

        WebsetItem item = ExaFixtures.parse(tree).data(ExaEvents.WEBSET_ITEM_ENRICHED);

        assertThat(item.id()).isEqualTo(ITEM_COMPANY);
        assertThat(item.source()).isEqualTo(WebsetItem.Source.UNKNOWN);
        assertThat(item.evaluations().get(0).satisfied()).isEqualTo(Evaluation.Satisfied.UNKNOWN);
        assertThat(item.enrichments().get(0).status()).isEqualTo(EnrichmentStatus.UNKNOWN);
        assertThat(item.properties()).isInstanceOf(CompanyProperties.class);
    }

    @Test
    void snakeCaseAndMixedCaseWireValuesMatchTheirConstants() {
        ObjectNode tree = ExaFixtures.tree("webset.search.canceled");
        ObjectNode data = (ObjectNode) tree.get("data");
        data.put("canceledReason", "webset_deleted");
        ((ObjectNode) data.get("entity")).put("type", "research_paper");
        data.put("status", "Canceled");

        WebsetSearch search = ExaFixtures.parse(tree).data(ExaEvents.WEBSET_SEARCH_CANCELED);

        assertThat(search.canceledReason()).isEqualTo(WebsetSearch.CanceledReason.WEBSET_DELETED);
        assertThat(search.entity().type()).isEqualTo(EntityType.RESEARCH_PAPER);
        assertThat(search.status()).isEqualTo(WebsetSearch.Status.CANCELED);
    }

    @Test
    void snakeCaseFailureReasonsMatchTheirConstants() {
        ObjectNode tree = ExaFixtures.tree("import.completed");
        ((ObjectNode) tree.get("data")).put("failedReason", "invalid_file_content");

        Import failed = ExaFixtures.parse(tree).data(ExaEvents.IMPORT_COMPLETED);

        assertThat(failed.failedReason()).isEqualTo(Import.FailedReason.INVALID_FILE_CONTENT);
    }

    @Test
    void emptyDataBindsToARecordOfNulls() {
        WebhookEvent event = ExaFixtures.parse("""
                {"id": "event_1", "object": "event", "type": "webset.created", "data": {},
                 "createdAt": "2025-11-12T21:50:51.207Z"}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(event.data(ExaEvents.WEBSET_CREATED)).isEqualTo(
                new Webset(null, null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void explicitNullsBindToNull() {
        ObjectNode tree = ExaFixtures.tree("webset.item.enriched");
        ObjectNode data = (ObjectNode) tree.get("data");
        data.putNull("properties");
        data.putNull("evaluations");
        data.putNull("enrichments");
        data.putNull("createdAt");

        WebsetItem item = ExaFixtures.parse(tree).data(ExaEvents.WEBSET_ITEM_ENRICHED);

        assertThat(item.properties()).isNull();
        assertThat(item.evaluations()).isNull();
        assertThat(item.enrichments()).isNull();
        assertThat(item.createdAt()).isNull();
        assertThat(item.id()).isEqualTo(ITEM_COMPANY);
    }

    @Test
    void dateTimesWithAnOffsetBindToTheSameInstant() {
        ObjectNode tree = ExaFixtures.tree("monitor.run.completed");
        ((ObjectNode) tree.get("data")).put("completedAt", "2025-11-17T09:06:47.190+01:00");

        MonitorRun run = ExaFixtures.parse(tree).data(ExaEvents.MONITOR_RUN_COMPLETED);

        assertThat(run.completedAt()).isEqualTo(Instant.parse("2025-11-17T08:06:47.190Z"));
    }

    @Test
    void scalarMetadataValuesAreReadAsText() {
        ObjectNode tree = ExaFixtures.tree("import.created");
        ObjectNode metadata = (ObjectNode) tree.get("data").get("metadata");
        metadata.put("rows", 312);
        metadata.put("deduplicated", true);

        Import created = ExaFixtures.parse(tree).data(ExaEvents.IMPORT_CREATED);

        assertThat(created.metadata()).containsEntry("rows", "312").containsEntry("deduplicated", "true")
                .containsEntry("source", "hubspot");
    }
}
