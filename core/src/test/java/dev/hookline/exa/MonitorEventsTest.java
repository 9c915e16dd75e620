package dev.hookline.exa;

import static dev.hookline.exa.ExaFixtures.MONITOR;
import static dev.hookline.exa.ExaFixtures.RUN_FIRST;
import static dev.hookline.exa.ExaFixtures.RUN_SECOND;
import static dev.hookline.exa.ExaFixtures.WEBSET_COMPANIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.event.EventJson;
import dev.hookline.event.WebhookEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class MonitorEventsTest {

    private static final MonitorRun FIRST_RUN_COMPLETED = new MonitorRun(
            RUN_FIRST, "monitor_run", MONITOR, MonitorRun.Status.COMPLETED, MonitorBehaviorType.SEARCH,
            Instant.parse("2025-11-17T08:06:47.190Z"), null, null, null,
            Instant.parse("2025-11-17T08:00:01.488Z"), Instant.parse("2025-11-17T08:06:47.190Z"));

    @Test
    void monitorCreated() {
        WebhookEvent event = ExaFixtures.event("monitor.created");
        Monitor monitor = event.data(ExaEvents.MONITOR_CREATED);

        assertThat(event.id()).isEqualTo("event_01k9x26rb2z4hx7dk3bw6tcv8m");
        assertThat(monitor.id()).isEqualTo(MONITOR);
        assertThat(monitor.object()).isEqualTo("monitor");
        assertThat(monitor.websetId()).isEqualTo(WEBSET_COMPANIES);
        assertThat(monitor.status()).isEqualTo(Monitor.Status.ENABLED);
        assertThat(monitor.cadence()).isEqualTo(new Monitor.Cadence("0 9 * * 1", "Europe/Berlin"));
        assertThat(monitor.behavior().type()).isEqualTo(MonitorBehaviorType.SEARCH);
        JsonNode config = monitor.behavior().config();
        assertThat(config.get("query").stringValue())
                .isEqualTo("European fintech startups that announced a Series A in the last week");
        assertThat(config.get("criteria").size()).isEqualTo(3);
        assertThat(config.get("entity").get("type").stringValue()).isEqualTo("company");
        assertThat(config.get("count").intValue()).isEqualTo(10);
        assertThat(config.get("behavior").stringValue()).isEqualTo("append");
        assertThat(monitor.lastRun()).isNull();
        assertThat(monitor.nextRunAt()).isEqualTo(Instant.parse("2025-11-17T08:00:00Z"));
        assertThat(monitor.metadata()).isEqualTo(Map.of("slackChannel", "#fintech-leads"));
        assertThat(monitor.createdAt()).isEqualTo(Instant.parse("2025-11-12T22:15:30.377Z"));
    }

    @Test
    void monitorUpdatedCarriesItsLastRun() {
        WebhookEvent event = ExaFixtures.event("monitor.updated");
        Monitor monitor = event.data(ExaEvents.MONITOR_UPDATED);

        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-18T10:12:05.733Z"));
        assertThat(monitor.id()).isEqualTo(MONITOR);
        assertThat(monitor.cadence().cron()).isEqualTo("0 9 * * 1,4");
        assertThat(monitor.lastRun()).isEqualTo(FIRST_RUN_COMPLETED);
        assertThat(monitor.nextRunAt()).isEqualTo(Instant.parse("2025-11-20T08:00:00Z"));
        assertThat(monitor.updatedAt()).isEqualTo(Instant.parse("2025-11-18T10:12:05.701Z"));
    }

    @Test
    void monitorDeleted() {
        WebhookEvent event = ExaFixtures.event("monitor.deleted");
        Monitor monitor = event.data(ExaEvents.MONITOR_DELETED);

        assertThat(event.id()).isEqualTo("event_01kbdcjr82q2nw8c5hy9tr4vam");
        assertThat(monitor.status()).isEqualTo(Monitor.Status.DISABLED);
        assertThat(monitor.nextRunAt()).isNull();
        assertThat(monitor.lastRun().id()).isEqualTo(RUN_SECOND);
        assertThat(monitor.lastRun().completedAt()).isEqualTo(Instant.parse("2025-11-20T08:04:19.866Z"));
    }

    @Test
    void refreshBehaviourKeepsItsOwnConfig() {
        ObjectNode tree = ExaFixtures.tree("monitor.created");
        ((ObjectNode) tree.get("data")).set("behavior", EventJson.mapper().readTree("""
                {"type": "refresh", "config": {"target": "enrichments", "enrichments": {"ids": ["wenrich_1"]}}}
                """));

        Monitor monitor = ExaFixtures.parse(tree).data(ExaEvents.MONITOR_CREATED);

        assertThat(monitor.behavior().type()).isEqualTo(MonitorBehaviorType.REFRESH);
        assertThat(monitor.behavior().config().get("target").stringValue()).isEqualTo("enrichments");
        assertThat(monitor.behavior().config().get("enrichments").get("ids").get(0).stringValue())
                .isEqualTo("wenrich_1");
    }

    @Test
    void monitorRunCreated() {
        WebhookEvent event = ExaFixtures.event("monitor.run.created");
        MonitorRun run = event.data(ExaEvents.MONITOR_RUN_CREATED);

        assertThat(event.id()).isEqualTo("event_01ka8d7xft5tq8cb3vy7dn2kwf");
        assertThat(run).isEqualTo(new MonitorRun(
                RUN_FIRST, "monitor_run", MONITOR, MonitorRun.Status.CREATED, MonitorBehaviorType.SEARCH,
                null, null, null, null,
                Instant.parse("2025-11-17T08:00:01.488Z"), Instant.parse("2025-11-17T08:00:01.488Z")));
    }

    @Test
    void monitorRunCompleted() {
        WebhookEvent event = ExaFixtures.event("monitor.run.completed");

        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-17T08:06:47.219Z"));
        assertThat(event.data(ExaEvents.MONITOR_RUN_COMPLETED)).isEqualTo(FIRST_RUN_COMPLETED);
    }
}
