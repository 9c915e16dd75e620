package dev.hookline.samples.jetty;

import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.servlet.WebhookServlet;
import dev.hookline.signature.Secrets;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The sample receiver: embedded Jetty 12.1 with a {@link WebhookServlet} at {@code /webhooks/exa},
 * {@code /webhooks/encrata} and {@code /webhooks/standard}, each around an endpoint with the default
 * body limit (1 MiB), tolerance (5 minutes) and in-memory deduplication; or, with {@code HOOKLINE_JDBC_URL},
 * deduplication in PostgreSQL or its durable inbox ({@link StoreSettings}).
 *
 * <p>Standard output carries exactly one line per handled event,
 * {@code handled provider=<provider> type=<type> id=<id>}, and nothing else; everything else goes
 * to standard error. See {@link ReceiverSettings} for the environment variables.
 */
public final class JettyReceiver implements AutoCloseable {

    /** The providers with an endpoint, each at {@code /webhooks/<name>}. */
    public static final List<String> PROVIDERS = List.of("exa", "encrata", "standard");

    private final Server server;
    private final ServerConnector connector;
    private final PrintStream log;
    private final SharedStore store;

    private JettyReceiver(Server server, ServerConnector connector, PrintStream log, SharedStore store) {
        this.server = server;
        this.connector = connector;
        this.log = log;
        this.store = store;
    }

    /**
     * Starts the receiver from the process environment and runs it until the JVM is stopped.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        JettyReceiver receiver;
        try {
            receiver = start(System.getenv(), out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("error: the receiver did not start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "hookline-receiver-stop"));
        receiver.join();
    }

    /**
     * Starts a receiver: reads the settings, prints the start-up notes to {@code log}, and listens.
     *
     * @param environment the environment variables to read the settings from
     * @param out receives one line per handled event
     * @param log receives everything else: demo-secret notices, the endpoints' URLs, handler notes
     * @return the running receiver; close it to stop
     * @throws IllegalArgumentException if a setting is invalid (the message never holds a secret)
     * @throws Exception if Jetty cannot start, for instance because the port is taken
     */
    public static JettyReceiver start(Map<String, String> environment, PrintStream out, PrintStream log)
            throws Exception {
        ReceiverSettings settings = ReceiverSettings.from(environment);
        StoreSettings storeSettings = StoreSettings.from(environment);
        HandledEventPrinter printer = new HandledEventPrinter(out);
        SharedStore store = SharedStore.open(storeSettings, log);
        WebhookEndpoint exa;
        WebhookEndpoint encrata;
        WebhookEndpoint standard;
        try {
            exa = endpoint(Providers.exa(), settings.exa(), printer,
                    builder -> store.configure(ExaHandlers.register(builder, log)));
            encrata = endpoint(Providers.encrata(), settings.encrata(), printer,
                    builder -> store.configure(EncrataHandlers.register(builder, log)));
            standard = endpoint(Providers.standardWebhooks(), settings.standard(), printer,
                    builder -> store.configure(builder.onAny(event -> log.println("[standard] " + event.type() + " "
                            + event.id()))));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }

        for (SecretSetting secret : List.of(settings.exa(), settings.encrata(), settings.standard())) {
            log.println(secret.notice());
        }

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(holder(new WebhookServlet(exa, store.servletOptions())), "/webhooks/exa");
        context.addServlet(holder(new WebhookServlet(encrata, store.servletOptions())), "/webhooks/encrata");
        context.addServlet(holder(new WebhookServlet(standard, store.servletOptions())), "/webhooks/standard");
        context.addServlet(new ServletHolder(new NotFoundServlet()), "/");
        // on stop, deliveries in progress finish and new ones are refused, for up to the stop timeout
        server.setHandler(new GracefulHandler(context));
        server.setStopTimeout(10_000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop(); // a port already taken leaves Jetty's threads running otherwise
            store.close();
            throw e;
        }
        store.start(List.of(exa, encrata, standard));

        JettyReceiver receiver = new JettyReceiver(server, connector, log, store);
        log.println("Hookline sample receiver listening on port " + receiver.port() + ":");
        if (ReceiverSettings.DEFAULT_HOST.equals(settings.host())) {
            log.println("  (on " + settings.host() + " only: set HOST=0.0.0.0 to let other machines deliver, once the"
                    + " demo secrets are replaced)");
        } else {
            log.println("  (on " + settings.host() + ")");
        }
        for (String provider : PROVIDERS) {
            log.println("  POST " + receiver.uri(provider));
        }
        log.println("Ready: each handled event is printed to standard output. Stop with Ctrl-C.");
        log.flush();
        return receiver;
    }

    private static WebhookEndpoint endpoint(Provider provider, SecretSetting secret, HandledEventPrinter printer,
                                            UnaryOperator<WebhookEndpoint.Builder> handlers) {
        Secrets.key(provider.scheme(), secret.value(), secret.variable()); // names the variable, never its value
        WebhookEndpoint.Builder builder = WebhookEndpoint.builder(provider)
                .secret(secret.value())
                .outcomeObserver(printer);
        return handlers.apply(builder).build();
    }

    /** The port the receiver listens on: the one asked for, or the one chosen for port 0. */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * The URL of a provider's endpoint on this machine.
     *
     * @param provider {@code exa}, {@code encrata} or {@code standard}
     * @return {@code http://localhost:<port>/webhooks/<provider>}
     */
    public URI uri(String provider) {
        return URI.create("http://localhost:" + port() + "/webhooks/" + provider);
    }

    /** Waits until the receiver has stopped. */
    public void join() {
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the receiver, letting deliveries in progress finish. */
    @Override
    public void close() {
        if (server.isStopped()) {
            return;
        }
        log.println("Stopping...");
        try {
            server.stop();
            log.println("Stopped.");
        } catch (Exception e) {
            log.println("error: Jetty did not stop cleanly: " + e);
        } finally {
            store.close();
        }
        log.flush();
    }

    /**
     * A webhook servlet with asynchronous support, so that it reads bodies without blocking and answers a body
     * that stops arriving at its read deadline rather than at Jetty's idle timeout.
     */
    private static ServletHolder holder(WebhookServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        return holder;
    }
}
