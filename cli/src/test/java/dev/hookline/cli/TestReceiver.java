package dev.hookline.cli;

import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.WebhookServlet;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty server on a free loopback port with an endpoint per provider at
 * {@code /webhooks/<provider>}, keyed with the demo secrets and default settings, recording every
 * outcome and counting handler runs.
 */
final class TestReceiver implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();

    TestReceiver() throws Exception {
        server = new Server();
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        for (SampleProvider provider : SampleProvider.values()) {
            ServletHolder holder = new ServletHolder(new WebhookServlet(endpoint(provider)));
            holder.setAsyncSupported(true); // bodies are then read without blocking, within their deadline
            context.addServlet(holder, "/webhooks/" + provider.id());
        }
        server.setHandler(context);
        server.start();
    }

    private WebhookEndpoint endpoint(SampleProvider sample) {
        Provider provider = switch (sample) {
            case EXA -> Providers.exa();
            case ENCRATA -> Providers.encrata();
            case STANDARD -> Providers.standardWebhooks();
            case SVIX -> Providers.svix();
            case STRIPE -> Providers.stripe();
            case GITHUB -> Providers.github();
        };
        return WebhookEndpoint.builder(provider)
                .allowUndocumentedTypes()
                .secret(sample.demoSecret())
                .onAny(event -> handled.incrementAndGet())
                .outcomeObserver(outcomes::add)
                .build();
    }

    /** The address of a provider's endpoint. */
    URI uri(SampleProvider provider) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/" + provider.id());
    }

    /** Every outcome so far, in order. */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** How many times a handler ran. */
    int handled() {
        return handled.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
