package dev.hookline.samples.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.Providers;
import dev.hookline.jdbc.TestDatabase;
import dev.hookline.signature.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several sample receivers, each a JVM process of its own, started with one HOOKLINE_JDBC_URL on different ports,
 * form one logical receiver: deliveries and redeliveries spread over them, one killed with SIGKILL mid-stream and
 * started again, and still every event's {@code handled} line is printed, and printed once, but for the events the
 * killed receiver was handling at the very moment it died (at least once, as documented).
 */
class SharedDatabaseReceiversTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The inbox workers' concurrency in the sample: the most events a receiver handles at once. */
    private static final int CONCURRENCY = 4;

    private static HikariDataSource database;
    private static final List<String> PREFIXES = new CopyOnWriteArrayList<>();

    private final Random random = new Random();

    @BeforeAll
    static void connect() {
        database = TestDatabase.pool("shared-receivers", 2);
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (database != null) {
            for (String prefix : PREFIXES) {
                TestDatabase.dropTables(database, prefix);
            }
            database.close();
        }
    }

    /** One event as its sender posts it, again and again: the same body and signature each time. */
    private record Sent(String path, String id, byte[] body, Map<String, String> headers) {
        String line() {
            return "id=" + id;
        }
    }

    private static Sent exa(String id) {
        byte[] body = ("{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"webset.created\",\"data\":"
                + "{\"id\":\"webset_1\",\"object\":\"webset\"},\"createdAt\":\"" + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return new Sent("/webhooks/exa", id, body,
                WebhookSigner.of(Providers.exa().scheme(), ReceiverSettings.DEMO_EXA_SECRET).sign(body));
    }

    private static Sent standard(String id) {
        byte[] body = ("{\"type\":\"invoice.paid\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"n\":1}}")
                .getBytes(StandardCharsets.UTF_8);
        return new Sent("/webhooks/standard", id, body, WebhookSigner.of(Providers.standardWebhooks().scheme(),
                ReceiverSettings.DEMO_STANDARD_SECRET).sign(body, Instant.now(), id));
    }

    private static List<Sent> events(String run, int count) {
        List<Sent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "evt_" + run + "_" + i;
            events.add(i % 2 == 0 ? exa(id) : standard(id));
        }
        return events;
    }

    private static Map<String, String> environment(String prefix, boolean inbox) {
        Map<String, String> environment = new HashMap<>();
        TestDatabase.Settings settings = TestDatabase.settings();
        environment.put("HOOKLINE_JDBC_URL", settings.url());
        environment.put("HOOKLINE_JDBC_USER", settings.user());
        environment.put("HOOKLINE_JDBC_PASSWORD", settings.password());
        environment.put("HOOKLINE_JDBC_TABLE_PREFIX", prefix);
        if (inbox) {
            environment.put("HOOKLINE_INBOX", "true");
            environment.put("HOOKLINE_INBOX_LEASE", "2");
        }
        return environment;
    }

    private static String newPrefix() {
        String prefix = TestDatabase.uniquePrefix();
        PREFIXES.add(prefix);
        return prefix;
    }

    /** Posts once; the status, or -1 when nothing answered (the receiver is dead). */
    private static int post(ReceiverProcess receiver, Sent sent) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + sent.path()))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(sent.body()));
        sent.headers().forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Posts to a random live receiver, and to the others, as a sender retrying through a load balancer would. */
    private void deliver(List<ReceiverProcess> receivers, Sent sent) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> answers = new ArrayList<>();
        while (System.nanoTime() - deadline < 0) {
            List<ReceiverProcess> live = receivers.stream().filter(ReceiverProcess::isReady).toList();
            if (!live.isEmpty()) {
                ReceiverProcess receiver = live.get(random.nextInt(live.size()));
                int status = post(receiver, sent);
                if (status == 204) {
                    return;
                }
                answers.add(receiver.name() + ":" + status);
            }
            Thread.sleep(20);
        }
        throw new AssertionError(sent.id() + " was never acknowledged: " + answers);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + WAIT + " waiting until " + what);
            }
            Thread.sleep(25);
        }
    }

    /** How many {@code handled} lines each receiver printed for the event. */
    private static Map<String, Integer> handled(Sent sent, List<ReceiverProcess> receivers) {
        Map<String, Integer> counts = new HashMap<>();
        for (ReceiverProcess receiver : receivers) {
            long lines = receiver.handled().stream().filter(line -> line.endsWith(" " + sent.line())).count();
            if (lines > 0) {
                counts.put(receiver.name(), (int) lines);
            }
        }
        return counts;
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void inboxReceiversLoseNothingWhenOneIsKilledMidStreamAndRepeatOnlyWhatItWasHandlingThen() throws Exception {
        String prefix = newPrefix();
        Map<String, String> environment = environment(prefix, true);
        List<Sent> events = events(UUID.randomUUID().toString().substring(0, 8), 120);
        List<ReceiverProcess> receivers = new CopyOnWriteArrayList<>();
        try {
            ReceiverProcess a = ReceiverProcess.start("a", environment);
            ReceiverProcess b = ReceiverProcess.start("b", environment);
            receivers.addAll(List.of(a, b));
            a.awaitReady();
            b.awaitReady();

            List<Sent> acknowledged = new ArrayList<>();
            ReceiverProcess restarted = null;
            for (int i = 0; i < events.size(); i++) {
                deliver(receivers, events.get(i));
                acknowledged.add(events.get(i));
                if (i % 3 == 0) {
                    deliver(receivers, acknowledged.get(random.nextInt(acknowledged.size()))); // a redelivery
                }
                if (i == events.size() / 2) {
                    a.kill();
                    restarted = ReceiverProcess.start("a-again", environment);
                    receivers.add(restarted);
                }
            }
            restarted.awaitReady();
            for (Sent sent : events.subList(0, 30)) {
                assertThat(post(restarted, sent)).as("a redelivery to the restarted receiver").isEqualTo(204);
            }

            await("every event is handled", () -> events.stream().allMatch(sent -> total(handled(sent, receivers)) > 0));
            await("the inbox is drained", () -> count(database, "SELECT count(*) FROM " + prefix
                    + "inbox WHERE state <> 'done'") == 0);

            assertThat(count(database, "SELECT count(*) FROM " + prefix + "inbox")).isEqualTo(events.size());
            List<String> repeated = new ArrayList<>();
            for (Sent sent : events) {
                Map<String, Integer> counts = handled(sent, receivers);
                if (total(counts) > 1) {
                    repeated.add(sent.id() + " " + counts);
                    assertThat(counts).as("only what the killed receiver was handling is repeated: " + sent.id())
                            .containsEntry("a", 1);
                    assertThat(total(counts)).isEqualTo(2);
                }
            }
            assertThat(repeated).as("at most the events it held when it died").hasSizeLessThanOrEqualTo(CONCURRENCY);
            assertThat(Stream.of(b, restarted).mapToInt(r -> r.handled().size()).sum()
                    + a.handled().size() - repeated.size()).isEqualTo(events.size());
        } finally {
            for (ReceiverProcess receiver : receivers) {
                receiver.close();
            }
        }
    }

    @Test
    void deduplicatingReceiversHandleEachEventOnceAcrossInstancesAndRestarts() throws Exception {
        String prefix = newPrefix();
        Map<String, String> environment = environment(prefix, false);
        List<Sent> events = events(UUID.randomUUID().toString().substring(0, 8), 40);
        List<ReceiverProcess> receivers = new CopyOnWriteArrayList<>();
        try {
            ReceiverProcess a = ReceiverProcess.start("a", environment);
            ReceiverProcess b = ReceiverProcess.start("b", environment);
            receivers.addAll(List.of(a, b));
            a.awaitReady();
            b.awaitReady();

            for (Sent sent : events) {
                assertThat(post(a, sent)).isEqualTo(204);
                assertThat(post(b, sent)).as("a redelivery to the other receiver").isEqualTo(204);
            }
            a.stop();
            ReceiverProcess restarted = ReceiverProcess.start("a-again", environment).awaitReady();
            receivers.add(restarted);
            for (Sent sent : events) {
                assertThat(post(restarted, sent)).as("a redelivery after the restart").isEqualTo(204);
            }

            for (Sent sent : events) {
                assertThat(handled(sent, receivers)).as(sent.id()).isEqualTo(Map.of("a", 1));
            }
            assertThat(b.handled()).isEmpty();
            assertThat(restarted.handled()).isEmpty();
        } finally {
            for (ReceiverProcess receiver : receivers) {
                receiver.close();
            }
        }
    }

    private static long count(HikariDataSource dataSource, String sql) {
        try {
            return TestDatabase.count(dataSource, sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
