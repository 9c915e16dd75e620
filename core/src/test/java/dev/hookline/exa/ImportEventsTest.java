package dev.hookline.exa;

import static dev.hookline.exa.ExaFixtures.IMPORT_CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.event.WebhookEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ImportEventsTest {

    @Test
    void importCreated() {
        WebhookEvent event = ExaFixtures.event("import.created");
        Import created = event.data(ExaEvents.IMPORT_CREATED);

        assertThat(event.id()).isEqualTo("event_01k9x09pz74xt8mc2qf7nd9kzy");
        assertThat(created.id()).isEqualTo(IMPORT_CUSTOMERS);
        assertThat(created.object()).isEqualTo("import");
        assertThat(created.status()).isEqualTo(Import.Status.PENDING);
        assertThat(created.format()).isEqualTo(Import.Format.CSV);
        assertThat(created.entity()).isEqualTo(new WebsetEntity(EntityType.COMPANY, null));
        assertThat(created.title()).isEqualTo("Existing customers (CRM export, Nov 2025)");
        assertThat(created.count()).isEqualTo(312);
        assertThat(created.metadata()).isEqualTo(Map.of("source", "hubspot", "exportedBy", "revops"));
        assertThat(created.failedReason()).isNull();
        assertThat(created.failedAt()).isNull();
        assertThat(created.failedMessage()).isNull();
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2025-11-12T21:42:10.086Z"));
        assertThat(created.updatedAt()).isEqualTo(Instant.parse("2025-11-12T21:42:10.086Z"));
    }

    @Test
    void importCompleted() {
        WebhookEvent event = ExaFixtures.event("import.completed");
        Import completed = event.data(ExaEvents.IMPORT_COMPLETED);

        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-12T21:42:39.008Z"));
        assertThat(completed.id()).isEqualTo(IMPORT_CUSTOMERS);
        assertThat(completed.status()).isEqualTo(Import.Status.COMPLETED);
        assertThat(completed.count()).isEqualTo(312);
        assertThat(completed.updatedAt()).isEqualTo(Instant.parse("2025-11-12T21:42:38.941Z"));
    }

    @Test
    void failedImportBindsItsReason() {
        ObjectNode tree = ExaFixtures.tree("import.completed");
        ObjectNode data = (ObjectNode) tree.get("data");
        data.put("status", "failed");
        data.put("failedReason", "missing_identifier");
        data.put("failedAt", "2025-11-12T21:42:38.941Z");
        data.put("failedMessage", "Row 14 has neither a URL nor a name.");

        Import failed = ExaFixtures.parse(tree).data(ExaEvents.IMPORT_COMPLETED);

        assertThat(failed.status()).isEqualTo(Import.Status.FAILED);
        assertThat(failed.failedReason()).isEqualTo(Import.FailedReason.MISSING_IDENTIFIER);
        assertThat(failed.failedAt()).isEqualTo(Instant.parse("2025-11-12T21:42:38.941Z"));
        assertThat(failed.failedMessage()).isEqualTo("Row 14 has neither a URL nor a name.");
    }
}
