package dev.hookline.exa;

import dev.hookline.event.EventCatalog;
import dev.hookline.event.EventType;
import tools.jackson.databind.JsonNode;

/**
 * The event types Exa Websets documents, each with the type its {@code data} binds to.
 *
 * <pre>{@code
 * router.on(ExaEvents.WEBSET_ITEM_ENRICHED, item -> store(item.id(), item.enrichments()));
 * }</pre>
 */
public final class ExaEvents {

    /** A webset was created. */
    public static final EventType<Webset> WEBSET_CREATED = EventType.of(Names.WEBSET_CREATED, Webset.class);
    /** A webset was deleted. */
    public static final EventType<Webset> WEBSET_DELETED = EventType.of(Names.WEBSET_DELETED, Webset.class);
    /** A webset was paused. */
    public static final EventType<Webset> WEBSET_PAUSED = EventType.of(Names.WEBSET_PAUSED, Webset.class);
    /** A webset has finished its work and is idle. */
    public static final EventType<Webset> WEBSET_IDLE = EventType.of(Names.WEBSET_IDLE, Webset.class);

    /** A search was created. */
    public static final EventType<WebsetSearch> WEBSET_SEARCH_CREATED =
            EventType.of(Names.WEBSET_SEARCH_CREATED, WebsetSearch.class);
    /** A search made progress or otherwise changed. */
    public static final EventType<WebsetSearch> WEBSET_SEARCH_UPDATED =
            EventType.of(Names.WEBSET_SEARCH_UPDATED, WebsetSearch.class);
    /** A search completed. */
    public static final EventType<WebsetSearch> WEBSET_SEARCH_COMPLETED =
            EventType.of(Names.WEBSET_SEARCH_COMPLETED, WebsetSearch.class);
    /** A search was canceled. */
    public static final EventType<WebsetSearch> WEBSET_SEARCH_CANCELED =
            EventType.of(Names.WEBSET_SEARCH_CANCELED, WebsetSearch.class);

    /** An item was added to a webset. */
    public static final EventType<WebsetItem> WEBSET_ITEM_CREATED =
            EventType.of(Names.WEBSET_ITEM_CREATED, WebsetItem.class);
    /** An item's enrichments were filled in. */
    public static final EventType<WebsetItem> WEBSET_ITEM_ENRICHED =
            EventType.of(Names.WEBSET_ITEM_ENRICHED, WebsetItem.class);

    /** An export was started. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> WEBSET_EXPORT_CREATED = EventType.raw(Names.WEBSET_EXPORT_CREATED);
    /** An export is ready. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> WEBSET_EXPORT_COMPLETED = EventType.raw(Names.WEBSET_EXPORT_COMPLETED);

    /** An import was created. */
    public static final EventType<Import> IMPORT_CREATED = EventType.of(Names.IMPORT_CREATED, Import.class);
    /** An import finished loading. */
    public static final EventType<Import> IMPORT_COMPLETED = EventType.of(Names.IMPORT_COMPLETED, Import.class);

    /** A webset monitor was created; not applied to Search Monitors API events of the same name. */
    public static final EventType<Monitor> MONITOR_CREATED =
            EventType.of(Names.MONITOR_CREATED, Monitor.class).whenDataObject("monitor");
    /** A webset monitor was changed; not applied to Search Monitors API events of the same name. */
    public static final EventType<Monitor> MONITOR_UPDATED =
            EventType.of(Names.MONITOR_UPDATED, Monitor.class).whenDataObject("monitor");
    /** A webset monitor was deleted; not applied to Search Monitors API events of the same name. */
    public static final EventType<Monitor> MONITOR_DELETED =
            EventType.of(Names.MONITOR_DELETED, Monitor.class).whenDataObject("monitor");

    /** A webset monitor started a run; not applied to Search Monitors API events of the same name. */
    public static final EventType<MonitorRun> MONITOR_RUN_CREATED =
            EventType.of(Names.MONITOR_RUN_CREATED, MonitorRun.class).whenDataObject("monitor_run");
    /** A webset monitor's run finished; not applied to Search Monitors API events of the same name. */
    public static final EventType<MonitorRun> MONITOR_RUN_COMPLETED =
            EventType.of(Names.MONITOR_RUN_COMPLETED, MonitorRun.class).whenDataObject("monitor_run");

    private static final EventCatalog CATALOG = EventCatalog.of(
            WEBSET_CREATED, WEBSET_DELETED, WEBSET_PAUSED, WEBSET_IDLE,
            WEBSET_SEARCH_CREATED, WEBSET_SEARCH_UPDATED, WEBSET_SEARCH_COMPLETED, WEBSET_SEARCH_CANCELED,
            WEBSET_ITEM_CREATED, WEBSET_ITEM_ENRICHED,
            WEBSET_EXPORT_CREATED, WEBSET_EXPORT_COMPLETED,
            IMPORT_CREATED, IMPORT_COMPLETED,
            MONITOR_CREATED, MONITOR_UPDATED, MONITOR_DELETED,
            MONITOR_RUN_CREATED, MONITOR_RUN_COMPLETED);

    private ExaEvents() {
    }

    /**
     * The event type names as string constants, for annotations:
     * {@code @WebhookListener(ExaEvents.Names.WEBSET_CREATED)}.
     */
    public static final class Names {
        /** {@value} */
        public static final String WEBSET_CREATED = "webset.created";
        /** {@value} */
        public static final String WEBSET_DELETED = "webset.deleted";
        /** {@value} */
        public static final String WEBSET_PAUSED = "webset.paused";
        /** {@value} */
        public static final String WEBSET_IDLE = "webset.idle";
        /** {@value} */
        public static final String WEBSET_SEARCH_CREATED = "webset.search.created";
        /** {@value} */
        public static final String WEBSET_SEARCH_UPDATED = "webset.search.updated";
        /** {@value} */
        public static final String WEBSET_SEARCH_COMPLETED = "webset.search.completed";
        /** {@value} */
        public static final String WEBSET_SEARCH_CANCELED = "webset.search.canceled";
        /** {@value} */
        public static final String WEBSET_ITEM_CREATED = "webset.item.created";
        /** {@value} */
        public static final String WEBSET_ITEM_ENRICHED = "webset.item.enriched";
        /** {@value} */
        public static final String WEBSET_EXPORT_CREATED = "webset.export.created";
        /** {@value} */
        public static final String WEBSET_EXPORT_COMPLETED = "webset.export.completed";
        /** {@value} */
        public static final String IMPORT_CREATED = "import.created";
        /** {@value} */
        public static final String IMPORT_COMPLETED = "import.completed";
        /** {@value} */
        public static final String MONITOR_CREATED = "monitor.created";
        /** {@value} */
        public static final String MONITOR_UPDATED = "monitor.updated";
        /** {@value} */
        public static final String MONITOR_DELETED = "monitor.deleted";
        /** {@value} */
        public static final String MONITOR_RUN_CREATED = "monitor.run.created";
        /** {@value} */
        public static final String MONITOR_RUN_COMPLETED = "monitor.run.completed";

        private Names() {
        }
    }

    /**
     * Every Exa Websets event type.
     *
     * @return the catalogue of all 19 types
     */
    public static EventCatalog catalog() {
        return CATALOG;
    }
}
