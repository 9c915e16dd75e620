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
            EventType.of(Names.LOOKUP_COMPLETED, LookupCompleted.class);
    /** A monitor has finished a run. */
    public static final EventType<MonitorRunCompleted> MONITOR_RUN_COMPLETED =
            EventType.of(Names.MONITOR_RUN_COMPLETED, MonitorRunCompleted.class);
    /** An API key was created. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> APIKEY_CREATED = EventType.raw(Names.APIKEY_CREATED);
    /** An API key was revoked. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> APIKEY_REVOKED = EventType.raw(Names.APIKEY_REVOKED);
    /** The account's credit balance is running low. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> CREDITS_LOW = EventType.raw(Names.CREDITS_LOW);
    /** The account has run out of credits. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> CREDITS_EXHAUSTED = EventType.raw(Names.CREDITS_EXHAUSTED);
    /** A test delivery from the dashboard. */
    public static final EventType<TestEvent> TEST = EventType.of(Names.TEST, TestEvent.class);

    private static final EventCatalog CATALOG = EventCatalog.of(
            LOOKUP_COMPLETED, MONITOR_RUN_COMPLETED, APIKEY_CREATED, APIKEY_REVOKED,
            CREDITS_LOW, CREDITS_EXHAUSTED, TEST);

    private EncrataEvents() {
    }

    /**
     * The event type names as string constants, for annotations:
     * {@code @WebhookListener(EncrataEvents.Names.LOOKUP_COMPLETED)}.
     */
    public static final class Names {
        /** {@value} */
        public static final String LOOKUP_COMPLETED = "lookup.completed";
        /** {@value} */
        public static final String MONITOR_RUN_COMPLETED = "monitor.run.completed";
        /** {@value} */
        public static final String APIKEY_CREATED = "apikey.created";
        /** {@value} */
        public static final String APIKEY_REVOKED = "apikey.revoked";
        /** {@value} */
        public static final String CREDITS_LOW = "credits.low";
        /** {@value} */
        public static final String CREDITS_EXHAUSTED = "credits.exhausted";
        /** {@value} */
        public static final String TEST = "test";

        private Names() {
        }
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
