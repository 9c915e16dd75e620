package dev.hookline.bench.inbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.bench.Secrets;
import dev.hookline.bench.http.Args;
import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.delivery.Headers;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.jdbc.InboxWorkers;
import dev.hookline.jdbc.JdbcDeduplicator;
import dev.hookline.jdbc.JdbcInbox;
import dev.hookline.jdbc.JdbcSchema;
import dev.hookline.servlet.WebhookServlet;
import dev.hookline.servlet.WebhookServletOptions;
import dev.hookline.signature.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Measures the durable inbox against a real PostgreSQL, each part for a few seconds, and prints one line per
 * figure:
 *
 * <ul>
 *   <li>{@code latency}: answer latency over loopback HTTP with a handler that sleeps 2 s, direct mode (the handler
 *       runs in the request) beside inbox mode (the event is stored, workers run the handler), under a closed loop
 *       of {@code --clients} senders;</li>
 *   <li>{@code accept}: events stored per second through {@link JdbcInbox#add}, with 1 and 16 connections;</li>
 *   <li>{@code drain}: events the workers of one instance take from pending to done per second, no-op handler, with
 *       the table vacuumed every second as autovacuum keeps a busy queue table clean ({@code drain-without-vacuum}
 *       adds a run without);</li>
 *   <li>{@code dedupe}: claim and complete pairs per second of {@link JdbcDeduplicator} beside the in-memory one,
 *       with 1 and 16 threads.</li>
 * </ul>
 *
 * <p>Arguments: {@code --url jdbc:postgresql://... [--user U] [--password P] [--parts latency,accept,drain,dedupe]
 * [--seconds N] [--clients N] [--drain-events N]}. Tables of a fresh prefix are created and dropped.
 */
public final class InboxMeasurements {

    private static final String PATH_DIRECT = "/webhooks/direct";
    private static final String PATH_INBOX = "/webhooks/inbox";
    private static final Duration HANDLER_TIME = Duration.ofSeconds(2);
    /** How often the drain vacuums the table, as autovacuum would for a queue table it keeps up with. */
    private static final Duration VACUUM_EVERY = Duration.ofSeconds(1);

    private boolean vacuumDuringDrain = true;

    private final HikariDataSource dataSource;
    private final String prefix;
    private final int seconds;

    private InboxMeasurements(HikariDataSource dataSource, String prefix, int seconds) {
        this.dataSource = dataSource;
        this.prefix = prefix;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        String prefix = "hl_bench_" + Long.toHexString(System.nanoTime() & 0xffffff) + "_";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/test"));
        config.setUsername(options.getOrDefault("user", "postgres"));
        config.setPassword(options.getOrDefault("password", ""));
        config.setMaximumPoolSize(40);
        config.setPoolName("bench");
        List<String> parts = Arrays.asList(options.getOrDefault("parts", "latency,accept,drain,dedupe").split(","));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcSchema.withPrefix(prefix).apply(dataSource);
            InboxMeasurements run = new InboxMeasurements(dataSource, prefix, seconds);
            try {
                if (parts.contains("latency")) {
                    run.latency(Integer.parseInt(options.getOrDefault("clients", "16")));
                }
                if (parts.contains("accept")) {
                    run.accept(1, true);
                    run.accept(16, true);
                    run.accept(16, false);
                }
                if (parts.contains("drain")) {
                    int events = Integer.parseInt(options.getOrDefault("drain-events", "20000"));
                    run.drain(events, 4);
                    run.drain(events, 16);
                    if (parts.contains("drain-without-vacuum")) {
                        run.vacuumDuringDrain = false;
                        run.drain(events, 16);
                    }
                }
                if (parts.contains("dedupe")) {
                    for (int threads : new int[] {1, 16}) {
                        run.dedupe("jdbc", JdbcDeduplicator.builder(dataSource).tablePrefix(prefix).build(), threads);
                        // a short retention: the bounded store forgets handled events instead of filling up
                        run.dedupe("memory", InMemoryDeduplicator.builder().maxEntries(1_000_000)
                                .retention(Duration.ofMillis(50)).build(), threads);
                    }
                }
            } finally {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + prefix + "inbox, " + prefix + "deduplication, " + prefix
                            + "schema_version");
                }
            }
        }
    }

    private static WebhookEndpoint.Builder endpoint(String name) {
        return WebhookEndpoint.builder(Providers.exa()).name(name).secret(Secrets.EXA);
    }

    private static byte[] body(String id) {
        return ("{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"webset.created\",\"data\":{\"id\":\"webset_1\","
                + "\"object\":\"webset\",\"status\":\"idle\"},\"createdAt\":\"" + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static VerifiedEvent event(String endpoint, String id) {
        return new VerifiedEvent(endpoint, "exa", id, "webset.created", Instant.now(), Instant.now(), null,
                Headers.empty(), body(id));
    }

    /** Answer latency of direct and inbox mode over HTTP, with a 2-second handler. */
    private void latency(int clients) throws Exception {
        JdbcInbox inbox = JdbcInbox.builder(dataSource).tablePrefix(prefix).build();
        WebhookEndpoint direct = endpoint("direct").onAny(event -> Thread.sleep(HANDLER_TIME.toMillis())).build();
        WebhookEndpoint stored = endpoint("inbox").deduplicator(Deduplicator.none())
                .onAny(event -> Thread.sleep(HANDLER_TIME.toMillis())).build();
        QueuedThreadPool threads = new QueuedThreadPool(clients + 16, 4);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(holder(new WebhookServlet(direct)), PATH_DIRECT);
        context.addServlet(holder(new WebhookServlet(stored, WebhookServletOptions.builder().receiver(inbox::receive)
                .build())), PATH_INBOX);
        server.setHandler(context);
        server.start();
        InboxWorkers workers = InboxWorkers.builder(inbox).endpoint(stored).concurrency(16).build();
        workers.start();
        try {
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            load(base + PATH_DIRECT, "direct", clients, 2);
            load(base + PATH_DIRECT, "direct", clients, seconds);
            load(base + PATH_INBOX, "inbox", clients, 2);
            load(base + PATH_INBOX, "inbox", clients, seconds);
        } finally {
            workers.stop();
            server.stop();
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + prefix + "inbox"); // no dead rows left for the next part to wade through
        }
    }

    private static ServletHolder holder(WebhookServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        return holder;
    }

    /** A closed loop of {@code clients} senders, each posting fresh signed deliveries one after another. */
    private void load(String url, String mode, int clients, int duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        WebhookSigner signer = WebhookSigner.of(Providers.exa().scheme(), Secrets.EXA);
        long end = System.nanoTime() + Duration.ofSeconds(duration).toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        AtomicLong ids = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[200_000];
            latencies.add(mine);
            Thread sender = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() - end < 0 && n < mine.length - 1) {
                    byte[] body = body(mode + "_" + System.nanoTime() + "_" + ids.incrementAndGet());
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    signer.sign(body).forEach(request::header);
                    long start = System.nanoTime();
                    try {
                        int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 204) {
                            failures.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        continue;
                    }
                    mine[++n] = System.nanoTime() - start;
                    mine[0] = n;
                }
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 1, (int) l[0] + 1)).sorted().toArray();
        if (duration < seconds) {
            return; // warm-up
        }
        System.out.printf(Locale.ROOT, "latency mode=%s clients=%d requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
                        + " non_204=%d%n", mode, clients, all.length, all.length / (double) duration,
                percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                failures.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Events stored per second through the accept path's insert, with {@code connections} threads. */
    private void accept(int connections, boolean notifications) throws Exception {
        JdbcInbox inbox = JdbcInbox.builder(dataSource).tablePrefix(prefix).notifications(notifications).build();
        WebhookEndpoint endpoint = endpoint("accept").deduplicator(Deduplicator.none()).build();
        LongAdder stored = new LongAdder();
        run(connections, 2, () -> inbox.add(endpoint, event("accept", "warm_" + System.nanoTime() + "_"
                + Thread.currentThread().getId())), null);
        double rate = run(connections, seconds, () -> inbox.add(endpoint, event("accept", "evt_" + System.nanoTime()
                + "_" + Thread.currentThread().getId())), stored);
        System.out.printf(Locale.ROOT, "accept connections=%d notifications=%s events=%d per_second=%.0f%n", connections,
                notifications, stored.sum(), rate);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + prefix + "inbox"); // no dead rows left for the next part to wade through
        }
    }

    /** Pending rows to done per second, no-op handler, one instance's workers. */
    private void drain(int events, int concurrency) throws Exception {
        JdbcInbox inbox = JdbcInbox.builder(dataSource).tablePrefix(prefix).build();
        String name = "drain" + concurrency;
        WebhookEndpoint endpoint = endpoint(name).deduplicator(Deduplicator.none()).onAny(event -> { }).build();
        AtomicLong next = new AtomicLong();
        run(16, Integer.MAX_VALUE, () -> {
            long i = next.getAndIncrement();
            if (i < events) {
                inbox.add(endpoint, event(name, "evt_" + i));
            }
        }, null, () -> next.get() >= events);
        vacuum();
        long start = System.nanoTime();
        InboxWorkers workers = InboxWorkers.builder(inbox).endpoint(endpoint).concurrency(concurrency).build();
        workers.start();
        long nextVacuum = System.nanoTime() + VACUUM_EVERY.toNanos();
        try {
            while (count( "SELECT count(*) FROM " + prefix + "inbox WHERE state IN"
                    + " ('pending', 'running', 'retrying')") > 0) {
                Thread.sleep(100);
                if (vacuumDuringDrain && System.nanoTime() - nextVacuum >= 0) {
                    vacuum(); // what autovacuum does for a busy queue table, on a server that runs it
                    nextVacuum = System.nanoTime() + VACUUM_EVERY.toNanos();
                }
            }
        } finally {
            workers.stop();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "drain concurrency=%d vacuum_every_s=%s events=%d seconds=%.2f per_second=%.0f%n",
                concurrency, vacuumDuringDrain ? VACUUM_EVERY.toSeconds() : "never", events, elapsed, events / elapsed);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + prefix + "inbox"); // no dead rows left for the next part to wade through
        }
    }

    /** A count that the partial indexes answer without reading the done rows. */
    private long count(String sql) throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void vacuum() throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM " + prefix + "inbox");
        }
    }

    /** Claim and complete pairs per second. */
    private void dedupe(String store, Deduplicator deduplicator, int threads) throws Exception {
        Duration lease = Duration.ofSeconds(40);
        LongAdder pairs = new LongAdder();
        Runnable pair = () -> {
            Claim claim = deduplicator.claim(new EventKey("bench", "evt_" + System.nanoTime() + "_"
                    + Thread.currentThread().getId()), lease);
            if (claim.status() == Claim.Status.ACQUIRED) {
                deduplicator.complete(claim.lease(), null);
            }
        };
        run(threads, 2, pair, null);
        double rate = run(threads, seconds, pair, pairs);
        System.out.printf(Locale.ROOT, "dedupe store=%s threads=%d pairs=%d per_second=%.0f%n", store, threads, pairs.sum(),
                rate);
    }

    private static double run(int threads, int duration, Runnable work, LongAdder count) throws InterruptedException {
        return run(threads, duration, work, count, () -> false);
    }

    /** Runs {@code work} in a loop on {@code threads} threads for {@code duration} seconds or until done; per second. */
    private static double run(int threads, int duration, Runnable work, LongAdder count,
                              java.util.function.BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        long end = duration == Integer.MAX_VALUE ? Long.MAX_VALUE : start + Duration.ofSeconds(duration).toNanos();
        LongAdder ops = count == null ? new LongAdder() : count;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end && !done.getAsBoolean()) {
                    work.run();
                    ops.increment();
                }
            });
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        return ops.sum() / ((System.nanoTime() - start) / 1e9);
    }
}
