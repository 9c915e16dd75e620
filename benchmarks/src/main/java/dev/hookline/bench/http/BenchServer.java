package dev.hookline.bench.http;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.bench.RecyclingDeduplicator;
import dev.hookline.bench.Secrets;
import dev.hookline.event.EventJson;
import dev.hookline.exa.ExaEvents;
import dev.hookline.exa.WebsetItem;
import dev.hookline.servlet.WebhookServlet;
import dev.hookline.servlet.WebhookServletOptions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.JsonNode;

/**
 * An embedded Jetty 12.1 (ee11) server on 127.0.0.1 for the HTTP runs, in one of two modes:
 *
 * <ul>
 *   <li>{@code hookline}: a {@link WebhookServlet} for an Exa endpoint at {@value #PATH}, with a bounded
 *       deduplicator and a typed no-op handler for {@code webset.item.created};</li>
 *   <li>{@code bare}: a servlet at the same path that reads the body into an array of its declared length
 *       and answers 204, the least any receiver does;</li>
 *   <li>{@code parse}: the same, and then what a receiver without verification or deduplication does to
 *       get the same typed item: parse the JSON and bind {@code data} to {@link WebsetItem} with the same
 *       mapper.</li>
 * </ul>
 *
 * <p>{@code GET /stats} answers the outcome counts as JSON, so the runner can check that the measured
 * requests were accepted, not rejected or deduplicated. The server stops by itself after
 * {@code --max-seconds}, whatever happens to the runner.
 *
 * <p>Arguments: {@code --mode hookline|bare|parse --port N [--threads N] [--max-entries N] [--max-seconds N]
 * [--async true|false]}; {@code --async false} has Hookline read bodies with blocking reads.
 */
public final class BenchServer {

    /** The path deliveries are posted to. */
    public static final String PATH = "/webhooks/exa";

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        String mode = options.getOrDefault("mode", "hookline");
        int port = Integer.parseInt(options.getOrDefault("port", "18080"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
        int maxEntries = Integer.parseInt(options.getOrDefault("max-entries", "10000"));
        long maxSeconds = Long.parseLong(options.getOrDefault("max-seconds", "900"));
        boolean async = Boolean.parseBoolean(options.getOrDefault("async", "true"));

        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, 4));
        pool.setName("bench");
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);

        Map<Outcome.Status, LongAdder> counts = new EnumMap<>(Outcome.Status.class);
        for (Outcome.Status status : Outcome.Status.values()) {
            counts.put(status, new LongAdder());
        }
        LongAdder bareRequests = new LongAdder();

        ServletContextHandler context = new ServletContextHandler("/");
        switch (mode) {
            case "hookline" -> {
                WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa())
                        .secret(Secrets.EXA)
                        .deduplicator(new RecyclingDeduplicator(maxEntries))
                        .on(ExaEvents.WEBSET_ITEM_CREATED, item -> Sink.item = item)
                        .outcomeObserver(outcome -> counts.get(outcome.status()).increment())
                        .build();
                ServletHolder webhooks = new ServletHolder(new WebhookServlet(endpoint,
                        WebhookServletOptions.builder().maxBodySize(1 << 20).build()));
                // as the adapter asks: bodies read without blocking; --async false measures blocking reads
                webhooks.setAsyncSupported(async);
                context.addServlet(webhooks, PATH);
            }
            case "bare" -> context.addServlet(new ServletHolder(new BareServlet(bareRequests, false)), PATH);
            case "parse" -> context.addServlet(new ServletHolder(new BareServlet(bareRequests, true)), PATH);
            default -> throw new IllegalArgumentException("--mode hookline|bare|parse, was " + mode);
        }
        context.addServlet(new ServletHolder(new StatsServlet(mode, counts, bareRequests)), "/stats");
        server.setHandler(context);
        server.setStopTimeout(2_000);
        server.start();
        System.out.println("listening mode=" + mode + " port=" + connector.getLocalPort() + " threads=" + threads
                + " cpus=" + Runtime.getRuntime().availableProcessors());

        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
                System.out.println("max-seconds reached, stopping");
                server.stop();
            } catch (Exception e) {
                // interrupted: the server is stopping anyway
            }
        }, "bench-stopper");
        stopper.setDaemon(true);
        stopper.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                // stopping at exit: nothing left to do
            }
        }));
        server.join();
    }

    /** Keeps the handler's item reachable, so that binding it cannot be optimised away. */
    static final class Sink {
        static volatile WebsetItem item;
    }

    /**
     * Reads the body into an array of its declared length, as the Hookline adapter does, optionally parses
     * it and binds the item as Hookline's typed handler receives it, and answers 204.
     */
    static final class BareServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient LongAdder requests;
        private final boolean parse;

        BareServlet(LongAdder requests, boolean parse) {
            this.requests = requests;
            this.parse = parse;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int length = (int) request.getContentLengthLong();
            InputStream in = request.getInputStream();
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            if (length >= 0 && body.length != length) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
            if (parse) {
                JsonNode root = EventJson.mapper().readTree(body);
                Sink.item = EventJson.mapper().treeToValue(root.get("data"), WebsetItem.class);
            }
            requests.increment();
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        }
    }

    /** The counts since start, as one JSON object. */
    static final class StatsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String mode;
        private final transient Map<Outcome.Status, LongAdder> counts;
        private final transient LongAdder bareRequests;

        StatsServlet(String mode, Map<Outcome.Status, LongAdder> counts, LongAdder bareRequests) {
            this.mode = mode;
            this.counts = counts;
            this.bareRequests = bareRequests;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            StringBuilder json = new StringBuilder("{\"mode\":\"").append(mode).append('"');
            json.append(",\"bare\":").append(bareRequests.sum());
            counts.forEach((status, count) -> json.append(",\"").append(status.name().toLowerCase())
                    .append("\":").append(count.sum()));
            json.append("}\n");
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
