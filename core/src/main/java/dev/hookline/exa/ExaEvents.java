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
    public static final EventType<Webset> WEBSET_CREATED = EventType.of("webset.created", Webset.class);
    /** A webset was deleted. */
    public static final EventType<Webset> WEBSET_DELETED = EventType.of("webset.deleted", Webset.class);
    /** A webset was paused. */
    public static final EventType<Webset> WEBSET_PAUSED = EventType.of("webset.paused", Webset.class);
    /** A webset has finished its work and is idle. */
    public static final EventType<Webset> WEBSET_IDLE = EventType.of("webset.idle", Webset.class);

    /** A search was created. */
    public static final EventType<WebsetSearch> WEBSET_SEARCH_CREATED =
            EventType.of("webset.search.created", WebsetSearch.class);
    /** A search made progress or otherwise changed. */
    public static final EventType<WebsetSearch> WEBSET_SEARCH_UPDATED =
            EventType.of("webset.search.updated", WebsetSearch.class);
    /** A search completed. */
    public static final EventType<WebsetSearch> WEBSET_SEARCH_COMPLETED =
            EventType.of("webset.search.completed", WebsetSearch.class);
    /** A search was canceled. */
    public static final EventType<WebsetSearch> WEBSET_SEARCH_CANCELED =
            EventType.of("webset.search.canceled", WebsetSearch.class);

    /** An item was added to a webset. */
    public static final EventType<WebsetItem> WEBSET_ITEM_CREATED =
            EventType.of("webset.item.created", WebsetItem.class);
    /** An item's enrichments were filled in. */
    public static final EventType<WebsetItem> WEBSET_ITEM_ENRICHED =
            EventType.of("webset.item.enriched", WebsetItem.class);

    /** An export was started. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> WEBSET_EXPORT_CREATED = EventType.raw("webset.export.created");
    /** An export is ready. Its data is undocumented, so it stays JSON. */
    public static final EventType<JsonNode> WEBSET_EXPORT_COMPLETED = EventType.raw("webset.export.completed");

    /** An import was created. */
    public static final EventType<Import> IMPORT_CREATED = EventType.of("import.created", Import.class);
    /** An import finished loading. */
    public static final EventType<Import> IMPORT_COMPLETED = EventType.of("import.completed", Import.class);

    /** A webset monitor was created; not applied to Search Monitors API events of the same name. */
    public static final EventType<Monitor> MONITOR_CREATED =
            EventType.of("monitor.created", Monitor.class).whenDataObject("monitor");
    /** A webset monitor was changed; not applied to Search Monitors API events of the same name. */
    public static final EventType<Monitor> MONITOR_UPDATED =
            EventType.of("monitor.updated", Monitor.class).whenDataObject("monitor");
    /** A webset monitor was deleted; not applied to Search Monitors API events of the same name. */
    public static final EventType<Monitor> MONITOR_DELETED =
            EventType.of("monitor.deleted", Monitor.class).whenDataObject("monitor");

    /** A webset monitor started a run; not applied to Search Monitors API events of the same name. */
    public static final EventType<MonitorRun> MONITOR_RUN_CREATED =
            EventType.of("monitor.run.created", MonitorRun.class).whenDataObject("monitor_run");
    /** A webset monitor's run finished; not applied to Search Monitors API events of the same name. */
    public static final EventType<MonitorRun> MONITOR_RUN_COMPLETED =
            EventType.of("monitor.run.completed", MonitorRun.class).whenDataObject("monitor_run");

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
     * Every Exa Websets event type.
     *
     * @return the catalogue of all 19 types
     */
    public static EventCatalog catalog() {
        return CATALOG;
    }
}
