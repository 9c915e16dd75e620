package dev.hookline.cli;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.WebhookServlet;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real receiver: an Exa {@link WebhookEndpoint} with default settings (in-memory deduplication, five-minute
 * tolerance) behind the servlet adapter on Jetty, on a free loopback port, recording the ids its handler ran for
 * and every outcome.
 */
final class ExaReceiver implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final WebhookEndpoint endpoint;
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

    ExaReceiver(String secret) throws Exception {
        endpoint = WebhookEndpoint.builder(Providers.exa())
                .secret(secret)
                .onAny(event -> handled.add(event.id()))
                .outcomeObserver(outcomes::add)
                .build();
        server = new Server();
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(new WebhookServlet(endpoint));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/webhooks/exa");
        server.setHandler(context);
        server.start();
    }

    /** The endpoint, to hand it events directly. */
    WebhookEndpoint endpoint() {
        return endpoint;
    }

    /** Where it receives. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/exa");
    }

    /** The ids the handler ran for, in order. */
    List<String> handled() {
        return List.copyOf(handled);
    }

    /** Every outcome, in order. */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
