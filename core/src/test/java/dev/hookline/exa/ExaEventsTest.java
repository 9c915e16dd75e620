package dev.hookline.exa;

import static dev.hookline.exa.ExaFixtures.WEBSET_COMPANIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.event.EventJson;
import dev.hookline.Providers;
import dev.hookline.event.EventType;
import dev.hookline.event.WebhookEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ExaEventsTest {

    /** The {@code data.object} each fixture carries, by event type. */
    private static final Map<String, String> DATA_OBJECT = Map.ofEntries(
            Map.entry("webset.created", "webset"),
            Map.entry("webset.deleted", "webset"),
            Map.entry("webset.paused", "webset"),
            Map.entry("webset.idle", "webset"),
            Map.entry("webset.search.created", "webset_search"),
            Map.entry("webset.search.updated", "webset_search"),
            Map.entry("webset.search.completed", "webset_search"),
            Map.entry("webset.search.canceled", "webset_search"),
            Map.entry("webset.item.created", "webset_item"),
            Map.entry("webset.item.enriched", "webset_item"),
            Map.entry("webset.export.created", "webset_export"),
            Map.entry("webset.export.completed", "webset_export"),
            Map.entry("import.created", "import"),
            Map.entry("import.completed", "import"),
            Map.entry("monitor.created", "monitor"),
            Map.entry("monitor.updated", "monitor"),
            Map.entry("monitor.deleted", "monitor"),
            Map.entry("monitor.run.created", "monitor_run"),
            Map.entry("monitor.run.completed", "monitor_run"));

    @Test
    void catalogueListsExactlyTheNineteenDocumentedTypes() {
        assertThat(ExaEvents.catalog().types()).hasSize(19);
        assertThat(ExaEvents.catalog().types()).extracting(EventType::name).containsExactlyInAnyOrder(
                "webset.created", "webset.deleted", "webset.paused", "webset.idle",
                "webset.search.created", "webset.search.updated", "webset.search.completed",
                "webset.search.canceled",
                "webset.item.created", "webset.item.enriched",
                "webset.export.created", "webset.export.completed",
                "import.created", "import.completed",
                "monitor.created", "monitor.updated", "monitor.deleted",
                "monitor.run.created", "monitor.run.completed");
        assertThat(ExaEvents.catalog().find("webset.item.updated")).isEmpty();
    }

    @Test
    void exaProviderUsesTheCatalogue() {
        assertThat(Providers.exa().catalog()).isSameAs(ExaEvents.catalog());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "webset.created,          WEBSET_CREATED,          Webset",
        "webset.deleted,          WEBSET_DELETED,          Webset",
        "webset.paused,           WEBSET_PAUSED,           Webset",
        "webset.idle,             WEBSET_IDLE,             Webset",
        "webset.search.created,   WEBSET_SEARCH_CREATED,   WebsetSearch",
        "webset.search.updated,   WEBSET_SEARCH_UPDATED,   WebsetSearch",
        "webset.search.completed, WEBSET_SEARCH_COMPLETED, WebsetSearch",
        "webset.search.canceled,  WEBSET_SEARCH_CANCELED,  WebsetSearch",
        "webset.item.created,     WEBSET_ITEM_CREATED,     WebsetItem",
        "webset.item.enriched,    WEBSET_ITEM_ENRICHED,    WebsetItem",
        "webset.export.created,   WEBSET_EXPORT_CREATED,   JsonNode",
        "webset.export.completed, WEBSET_EXPORT_COMPLETED, JsonNode",
        "import.created,          IMPORT_CREATED,          Import",
        "import.completed,        IMPORT_COMPLETED,        Import",
        "monitor.created,         MONITOR_CREATED,         Monitor",
        "monitor.updated,         MONITOR_UPDATED,         Monitor",
        "monitor.deleted,         MONITOR_DELETED,         Monitor",
        "monitor.run.created,     MONITOR_RUN_CREATED,     MonitorRun",
        "monitor.run.completed,   MONITOR_RUN_COMPLETED,   MonitorRun",
    })
    void eachConstantHasItsWireNameAndDataType(String name, String constant, String dataType) throws Exception {
        EventType<?> key = (EventType<?>) ExaEvents.class.getField(constant).get(null);

        assertThat(key.name()).isEqualTo(name);
        assertThat(key.dataType().getSimpleName()).isEqualTo(dataType);
        assertThat(ExaEvents.catalog().find(name)).containsSame(key);
    }

    @Test
    void everyCatalogueTypeHasExactlyOneFixture() {
        assertThat(ExaFixtures.fixtureTypes()).containsExactlyInAnyOrderElementsOf(
                ExaEvents.catalog().types().stream().map(EventType::name).toList());
    }

    static List<String> fixtureTypes() {
        return ExaFixtures.fixtureTypes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureTypes")
    void everyFixtureParsesAndBindsToItsCataloguedType(String fixture) {
        WebhookEvent event = ExaFixtures.event(fixture);

        assertThat(event.provider()).isEqualTo("exa");
        assertThat(event.type()).isEqualTo(fixture);
        assertThat(event.id()).matches("event_[0-9a-hjkmnp-tv-z]{26}");
        assertThat(event.createdAt()).isNotNull();
        assertThat(EventJson.mapper().readTree(event.verified().body()).get("object").stringValue()).isEqualTo("event");
        assertThat(event.data().get("object").stringValue()).isEqualTo(DATA_OBJECT.get(fixture));

        EventType<?> key = ExaEvents.catalog().find(event.type()).orElseThrow();
        assertThat(key.appliesTo(event)).isTrue();
        assertThat(event.data(key)).isInstanceOf(key.dataType());
    }

    @Test
    void exportEventsStayRawJson() {
        WebhookEvent created = ExaFixtures.event("webset.export.created");
        JsonNode started = created.data(ExaEvents.WEBSET_EXPORT_CREATED);

        assertThat(started).isSameAs(created.data());
        assertThat(started.get("id").stringValue()).isEqualTo("wexport_01k9y8sxegtn6yq3hd9bxk5mwf");
        assertThat(started.get("websetId").stringValue()).isEqualTo(WEBSET_COMPANIES);
        assertThat(started.get("status").stringValue()).isEqualTo("pending");

        JsonNode ready = ExaFixtures.event("webset.export.completed").data(ExaEvents.WEBSET_EXPORT_COMPLETED);
        assertThat(ready.get("status").stringValue()).isEqualTo("completed");
        assertThat(ready.get("itemCount").intValue()).isEqualTo(50);
        assertThat(ready.get("downloadUrl").stringValue())
                .startsWith("https://exports.exa.ai/wexport_01k9y8sxegtn6yq3hd9bxk5mwf.csv?");
    }

    @ParameterizedTest(name = "{0} with data.object {1}")
    @CsvSource({
        "monitor.created,       search_monitor",
        "monitor.updated,       search_monitor",
        "monitor.deleted,       search_monitor",
        "monitor.run.created,   search_monitor_run",
        "monitor.run.completed, search_monitor_run",
    })
    void monitorKeysSkipSearchMonitorsApiEventsOfTheSameName(String type, String foreignObject) {
        EventType<?> key = ExaEvents.catalog().find(type).orElseThrow();
        WebhookEvent websets = ExaFixtures.event(type);
        ObjectNode tree = ExaFixtures.tree(type);
        ((ObjectNode) tree.get("data")).put("object", foreignObject);
        WebhookEvent searchMonitors = ExaFixtures.parse(tree);

        assertThat(searchMonitors.type()).isEqualTo(type);
        assertThat(key.appliesTo(websets)).isTrue();
        assertThat(key.appliesTo(searchMonitors)).isFalse();
    }

    @Test
    void monitorCreatedKeyAppliesOnlyToWebsetsMonitors() {
        ObjectNode tree = ExaFixtures.tree("monitor.created");
        ((ObjectNode) tree.get("data")).put("object", "search_monitor");

        assertThat(ExaEvents.MONITOR_CREATED.appliesTo(ExaFixtures.event("monitor.created"))).isTrue();
        assertThat(ExaEvents.MONITOR_CREATED.appliesTo(ExaFixtures.parse(tree))).isFalse();
    }

    @Test
    void monitorKeysStillApplyWhenDataHasNoObjectField() {
        ObjectNode tree = ExaFixtures.tree("monitor.updated");
        ((ObjectNode) tree.get("data")).remove("object");
        WebhookEvent event = ExaFixtures.parse(tree);

        assertThat(ExaEvents.MONITOR_UPDATED.appliesTo(event)).isTrue();
        assertThat(event.data(ExaEvents.MONITOR_UPDATED).id()).isEqualTo(ExaFixtures.MONITOR);
    }

    @Test
    void onlyMonitorKeysAreRestrictedByDataObject() {
        ObjectNode tree = ExaFixtures.tree("webset.created");
        ((ObjectNode) tree.get("data")).put("object", "something_else");

        assertThat(ExaEvents.WEBSET_CREATED.appliesTo(ExaFixtures.parse(tree))).isTrue();
    }
}
