package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.jdbc.InboxFilter;
import dev.hookline.jdbc.InboxRow;
import dev.hookline.jdbc.InboxState;
import dev.hookline.jdbc.JdbcDeduplicator;
import dev.hookline.jdbc.JdbcInbox;
import dev.hookline.jdbc.TestDatabase;
import dev.hookline.servlet.DeliveryReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter with hookline-jdbc and a PostgreSQL DataSource, in a real application on Tomcat: an endpoint in
 * inbox mode answers before its slow listener has finished, the workers retry and give up into dead, the health
 * contributor and the gauges show it, and an endpoint with dedupe.store=jdbc deduplicates in PostgreSQL.
 */
@SpringBootTest(classes = InboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "hookline.endpoints.exa.path=/webhooks/exa",
                "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET,
                "hookline.endpoints.exa.mode=inbox",
                "hookline.endpoints.shared.provider=exa",
                "hookline.endpoints.shared.path=/webhooks/shared",
                "hookline.endpoints.shared.secrets[0]=" + EXA_SECRET,
                "hookline.endpoints.shared.dedupe.store=jdbc",
                "hookline.jdbc.initialize-schema=always",
                "hookline.jdbc.inbox.lease=5s",
                "hookline.jdbc.inbox.max-attempts=2",
                "hookline.jdbc.inbox.backoff-initial=50ms",
                "hookline.jdbc.inbox.backoff-max=100ms",
                "hookline.jdbc.inbox.stop-timeout=1s",
                "spring.main.banner-mode=off",
                "spring.autoconfigure.exclude="
                        + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration" })
@DirtiesContext
class InboxApplicationTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @DynamicPropertySource
    static void tablePrefix(DynamicPropertyRegistry registry) {
        registry.add("hookline.jdbc.table-prefix", () -> PREFIX);
    }

    @LocalServerPort
    int port;

    @Autowired
    InboxApplication.Listeners listeners;

    @Autowired
    JdbcInbox inbox;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Autowired
    InboxHealthIndicator health;

    @Autowired
    InboxWorkersLifecycle workers;

    @Autowired
    WebhookEndpointRegistry registry;

    @Autowired
    @Qualifier(HooklineJdbcAutoConfiguration.INBOX_RECEIVER_BEAN_NAME)
    DeliveryReceiver inboxReceiver;

    @Autowired
    @Qualifier(HooklineJdbcAutoConfiguration.DEDUPLICATOR_BEAN_NAME)
    JdbcDeduplicator deduplicator;

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(WAIT).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + WAIT + " waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private boolean is(String eventId, InboxState state) {
        return inbox.find("exa", eventId).map(row -> row.state() == state).orElse(false);
    }

    @Test
    void anInboxEndpointAnswers204BeforeItsSlowListenerFinishesAndAWorkerRunsItLater() throws Exception {
        String id = "evt_slow_" + UUID.randomUUID();
        byte[] item = TestDeliveries.exaItemCreated(id, "slow_item_1");

        long start = System.nanoTime();
        HttpResponse<String> response = post("/webhooks/exa", item, TestDeliveries.signExa(item));
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(answeredIn).isLessThan(Duration.ofSeconds(5));
        assertThat(listeners.itemsFinished).doesNotContain("slow_item_1");
        await("a worker runs the listener", () -> listeners.itemsStarted.contains("slow_item_1"));
        assertThat(is(id, InboxState.RUNNING)).isTrue();
        assertThat(listeners.itemsFinished).as("still held at the gate").doesNotContain("slow_item_1");

        listeners.slowGate.countDown();
        await("the event is done", () -> is(id, InboxState.DONE));
        assertThat(listeners.itemsFinished).containsOnlyOnce("slow_item_1");
        assertThat(listeners.itemThreads).allSatisfy(thread -> assertThat(thread).startsWith("hookline-inbox-worker"));
    }

    @Test
    void aRedeliveryToTheInboxIsAcknowledgedAndHandledOnce() throws Exception {
        String id = "evt_twice_" + UUID.randomUUID();
        byte[] item = TestDeliveries.exaItemCreated(id, "twice_item_1");

        assertThat(post("/webhooks/exa", item, TestDeliveries.signExa(item)).statusCode()).isEqualTo(204);
        assertThat(post("/webhooks/exa", item, TestDeliveries.signExa(item)).statusCode()).isEqualTo(204);
        await("the event is done", () -> is(id, InboxState.DONE));

        assertThat(listeners.itemsFinished).containsOnlyOnce("twice_item_1");
        assertThat(meters.get(HooklineMetrics.DELIVERIES).tags("endpoint", "exa", "outcome", "duplicate")
                .counter().count()).as("the redelivery, answered by the inbox").isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aListenerThatAlwaysFailsEndsDeadAndTheHealthAndGaugesSayIt() throws Exception {
        String id = "evt_paused_" + UUID.randomUUID();
        byte[] paused = TestDeliveries.exa(id, "webset.paused", "{\"id\":\"webset_9\",\"object\":\"webset\"}");

        assertThat(post("/webhooks/exa", paused, TestDeliveries.signExa(paused)).statusCode()).isEqualTo(204);
        await("the event is dead", () -> is(id, InboxState.DEAD));

        InboxRow dead = inbox.find("exa", id).orElseThrow();
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.lastError()).isEqualTo("java.lang.IllegalStateException: the search index is down");
        assertThat(listeners.paused).containsExactly(id, id);

        Health status = health.health();
        assertThat(status.getStatus()).isEqualTo(Status.UP);
        assertThat(status.getDetails()).containsKey("events");
        @SuppressWarnings("unchecked")
        Map<String, Long> events = (Map<String, Long>) status.getDetails().get("events");
        assertThat(events).containsEntry("dead", 1L);
        assertThat((String) status.getDetails().get("warning")).contains("1 dead event(s) wait for a replay");

        await("the gauge counts the dead event", () -> meters.get(InboxMetrics.ROWS).tag("state", "dead").gauge()
                .value() == 1.0);
        assertThat(meters.get(InboxMetrics.OLDEST_WAITING).timeGauge().value()).isNotNaN();
        assertThat(meters.get(HooklineMetrics.DELIVERIES).tags("endpoint", "exa", "outcome", "failed",
                "reason", "handler_failed").counter().count()).as("each failed attempt").isEqualTo(2.0);

        assertThat(inbox.replay(InboxFilter.all().endpoint("exa").type("webset.paused"))).isEqualTo(1);
        await("the replayed event is dead again", () -> listeners.paused.size() == 4 && is(id, InboxState.DEAD));
    }

    @Test
    void theHealthIsDownWhenTheDatabaseCannotBeReached() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/test");
        unreachable.setConnectTimeout(5);
        InboxHealthIndicator down = new InboxHealthIndicator(JdbcInbox.builder(unreachable).build(),
                Duration.ofMinutes(5));

        Health status = down.health();

        assertThat(status.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(status.getDetails().get("error"))).contains("SQLState");
    }

    @Test
    void anEndpointWithTheJdbcStoreDeduplicatesInPostgresql() throws Exception {
        String id = "evt_shared_" + UUID.randomUUID();
        byte[] item = TestDeliveries.exaItemCreated(id, "shared_item_1");

        assertThat(post("/webhooks/shared", item, TestDeliveries.signExa(item)).statusCode()).isEqualTo(204);
        assertThat(post("/webhooks/shared", item, TestDeliveries.signExa(item)).statusCode()).isEqualTo(204);

        assertThat(listeners.shared).containsOnlyOnce(id);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM " + PREFIX + "deduplication WHERE event_id = '"
                + id + "' AND state = 'completed'")).isEqualTo(1);
        assertThat(inbox.find("shared", id)).as("not an inbox endpoint").isEmpty();
    }

    @Test
    void theWorkersRunForTheInboxEndpointOnly() {
        assertThat(workers.isRunning()).isTrue();
        assertThat(workers.workers().toString()).contains("endpoints=[exa]");
        assertThat(registry.definition("exa").options().receiver()).isSameAs(inboxReceiver);
        assertThat(registry.definition("shared").options().receiver()).isSameAs(DeliveryReceiver.direct());
        assertThat(registry.endpoint("exa").toString()).contains("Deduplicator.none()");
        assertThat(registry.endpoint("shared").toString()).contains(deduplicator.toString());
    }
}
