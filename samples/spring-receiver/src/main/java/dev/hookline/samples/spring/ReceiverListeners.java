package dev.hookline.samples.spring;

import dev.hookline.encrata.LookupCompleted;
import dev.hookline.encrata.MonitorRunCompleted;
import dev.hookline.event.WebhookEvent;
import dev.hookline.exa.WebsetItem;
import dev.hookline.exa.WebsetSearch;
import dev.hookline.routing.WebhookListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The receiver's handlers. Typed listeners receive the event data bound to its record; the catch-all runs after
 * them for every event, so its line means every handler of the event ran. Redeliveries of a handled event, and
 * deliveries refused or failed, run no handler and print nothing.
 */
@Component
class ReceiverListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverListeners.class);

    @WebhookListener(value = "webset.item.created", endpoint = "exa")
    void onItemCreated(WebsetItem item) {
        LOG.info("Exa webset {} has a new item {}", item.websetId(), item.id());
    }

    @WebhookListener(value = { "webset.search.completed", "webset.search.canceled" }, endpoint = "exa")
    void onSearchFinished(WebhookEvent event, WebsetSearch search) {
        LOG.info("Exa search {} of webset {} is {}", search.id(), search.websetId(), search.status());
    }

    @WebhookListener(value = "lookup.completed", endpoint = "encrata")
    void onLookupCompleted(LookupCompleted lookup) {
        LOG.info("Encrata lookup {} completed", lookup.lookupId());
    }

    @WebhookListener(value = "monitor.run.completed", endpoint = "encrata")
    void onMonitorRun(MonitorRunCompleted run) {
        LOG.info("Encrata monitor {} found {} change(s)", run.monitorName(), run.changesDetected());
    }

    @WebhookListener("*")
    void handled(WebhookEvent event) {
        System.out.println("handled provider=" + event.provider() + " type=" + event.type() + " id=" + event.id());
    }
}
