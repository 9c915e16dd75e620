package dev.hookline.encrata;

import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventType;
import tools.jackson.databind.JsonNode;

/**
 * The event types Encrata documents, each with the type its {@code data} binds to. Types whose data
 * Encrata does not document stay JSON.
 */
public final class EncrataEvents {

    /** An email lookup has finished. */
    public static final EventType<LookupCompleted> LOOKUP_COMPLETED =
            EventType.of("lookup.completed", LookupCompleted.class);
    /** A monitor has finished a run. */
    public static final EventType<MonitorRunCompleted> MONITOR_RUN_COMPLETED =
            EventType.of("monitor.run.completed", MonitorRunCompleted.class);
    /** An API key was created. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> APIKEY_CREATED = EventType.raw("apikey.created");
    /** An API key was revoked. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> APIKEY_REVOKED = EventType.raw("apikey.revoked");
    /** The account's credit balance is running low. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> CREDITS_LOW = EventType.raw("credits.low");
    /** The account has run out of credits. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> CREDITS_EXHAUSTED = EventType.raw("credits.exhausted");
    /** A test delivery from the dashboard. */
    public static final EventType<TestEvent> TEST = EventType.of("test", TestEvent.class);

    private static final EventCatalog CATALOG = EventCatalog.of(
            LOOKUP_COMPLETED, MONITOR_RUN_COMPLETED, APIKEY_CREATED, APIKEY_REVOKED,
            CREDITS_LOW, CREDITS_EXHAUSTED, TEST);

    private EncrataEvents() {
    }

    /**
     * Every Encrata event type.
     *
     * @return the catalogue of all 7 types
     */
    public static EventCatalog catalog() {
        return CATALOG;
    }
}
