package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import dev.hookline.jdbc.InboxWorkers;
import dev.hookline.servlet.DeliveryReceiver;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the inbox's workers for every endpoint whose requests go to the inbox (its servlet options' receiver is the
 * inbox receiver): started once the endpoints are built, stopped gracefully when the application stops, letting
 * running listeners finish for up to {@code hookline.jdbc.inbox.stop-timeout}. Starts nothing when no endpoint
 * uses the inbox.
 */
final class InboxWorkersLifecycle implements SmartLifecycle {

    private static final Log LOG = LogFactory.getLog(InboxWorkersLifecycle.class);

    private final WebhookEndpointRegistry registry;
    private final DeliveryReceiver inboxReceiver;
    private final InboxWorkers.Builder workers;
    private volatile InboxWorkers running;

    /**
     * @param workers a builder with every setting but the endpoints, checked already
     */
    InboxWorkersLifecycle(WebhookEndpointRegistry registry, DeliveryReceiver inboxReceiver,
                          InboxWorkers.Builder workers) {
        this.registry = registry;
        this.inboxReceiver = inboxReceiver;
        this.workers = workers;
    }

    @Override
    public synchronized void start() {
        if (running != null) {
            return;
        }
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (EndpointDefinition definition : registry.definitions()) {
            WebhookEndpoint endpoint = registry.endpoint(definition.name());
            if (definition.options().receiver() == inboxReceiver && endpoint != null) {
                endpoints.add(endpoint);
            }
        }
        if (endpoints.isEmpty()) {
            return;
        }
        InboxWorkers built = workers.endpoints(endpoints).build();
        built.start();
        running = built;
        LOG.info("Hookline inbox workers started for endpoint(s) "
                + endpoints.stream().map(WebhookEndpoint::name).toList());
    }

    @Override
    public synchronized void stop() {
        InboxWorkers current = running;
        if (current != null) {
            current.stop();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** The workers while they run, for tests and diagnostics. */
    InboxWorkers workers() {
        return running;
    }

    @Override
    public String toString() {
        return "InboxWorkersLifecycle[" + (running == null ? "not running" : running) + "]";
    }
}
