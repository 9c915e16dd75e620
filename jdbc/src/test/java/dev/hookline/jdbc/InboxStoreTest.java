package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.Outcome;
import dev.hookline.Provider;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.event.JsonEnvelope;
import dev.hookline.event.VerifiedEvent;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The accept path into the inbox, and what an operator sees of it: one row per event, counted and listed. */
class InboxStoreTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final List<String> FRESH = new CopyOnWriteArrayList<>();

    private static HikariDataSource dataSource;
    private static JdbcInbox inbox;

    @BeforeAll
    static void createTables() {
        dataSource = TestDatabase.pool("inbox-store", 3);
        JdbcSchema.withPrefix(PREFIX).apply(dataSource);
        inbox = JdbcInbox.builder(dataSource).tablePrefix(PREFIX).build();
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (dataSource != null) {
            TestDatabase.dropTables(dataSource, PREFIX);
            for (String prefix : FRESH) {
                TestDatabase.dropTables(dataSource, prefix);
            }
            dataSource.close();
        }
    }

    private static String name() {
        return "ep_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aVerifiedDeliveryIsStoredOnceAndARedeliveryIsADuplicateWithoutRunningAnyHandler() {
        AtomicInteger handled = new AtomicInteger();
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).onAny(event -> handled.incrementAndGet()).build();
        String id = "evt_" + UUID.randomUUID();
        Delivery delivery = InboxEvents.delivery(id);

        Outcome first = inbox.receive(endpoint, delivery, Instant.now());
        Outcome again = inbox.receive(endpoint, delivery, Instant.now());

        assertThat(first.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(first.httpStatus()).isEqualTo(204);
        assertThat(first.handlersRun()).isZero();
        assertThat(first.eventId()).isEqualTo(id);
        assertThat(again.status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(again.httpStatus()).isEqualTo(204);
        assertThat(handled).as("handlers run later, in a worker").hasValue(0);
        InboxRow row = inbox.find(endpoint.name(), id).orElseThrow();
        assertThat(row.state()).isEqualTo(InboxState.PENDING);
        assertThat(row.attempts()).isZero();
        assertThat(row.eventType()).isEqualTo("webset.created");
        assertThat(row.lastError()).isNull();
        assertThat(inbox.find(row.id())).contains(row);
        assertThat(row.toString()).doesNotContain(InboxEvents.PAYLOAD_MARKER);
    }

    @Test
    void theStoredEventIsTheVerifiedEventInItsStoredForm() throws Exception {
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).build();
        String id = "evt_" + UUID.randomUUID();
        assertThat(inbox.receive(endpoint, InboxEvents.delivery(id), Instant.now()).status())
                .isEqualTo(Outcome.Status.ACCEPTED);

        byte[] stored;
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "SELECT event FROM " + inbox.table() + " WHERE endpoint = ? AND event_id = ?")) {
            statement.setString(1, endpoint.name());
            statement.setString(2, id);
            try (var rows = statement.executeQuery()) {
                rows.next();
                stored = rows.getBytes(1);
            }
        }
        VerifiedEvent event = VerifiedEvent.fromBytes(stored);
        assertThat(event.endpoint()).isEqualTo(endpoint.name());
        assertThat(event.id()).isEqualTo(id);
        assertThat(event.body()).isEqualTo(InboxEvents.body(id));
    }

    @Test
    void aForgedDeliveryIsRefusedAndNothingIsStored() {
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).build();
        String id = "evt_" + UUID.randomUUID();
        byte[] body = InboxEvents.body(id);
        Delivery forged = Delivery.of(WebhookSigner.of(Providers.exa().scheme(), "someone_elses_secret_1")
                .headers(body, Instant.now(), null), body);

        Outcome outcome = inbox.receive(endpoint, forged, Instant.now());

        assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
        assertThat(outcome.reason()).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        assertThat(outcome.httpStatus()).isEqualTo(401);
        assertThat(inbox.find(endpoint.name(), id)).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsA503AndNothingEscapes() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/test");
        unreachable.setConnectTimeout(5);
        JdbcInbox down = JdbcInbox.builder(unreachable).tablePrefix(PREFIX).build();
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).build();
        String id = "evt_secret_" + UUID.randomUUID();

        Outcome outcome = down.receive(endpoint, InboxEvents.delivery(id), Instant.now());

        assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(outcome.reason()).isEqualTo(InboxFailure.INBOX_UNAVAILABLE);
        assertThat(outcome.reason().code()).isEqualTo("inbox_unavailable");
        assertThat(outcome.httpStatus()).isEqualTo(503);
        assertThat(outcome.retryLater()).isTrue();
        assertThat(outcome.failure()).isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("Inbox failed to store an event (SQLState ")
                .hasMessageNotContaining(id);
    }

    @Test
    void aProviderReadingUnsignedHeadersIsKeyedOnTheIdWithTheBodysDigest() throws Exception {
        String secret = "github_inbox_secret_0042";
        Provider github = new Provider("github", SignatureSchemes.github(), JsonEnvelope.builder()
                .idHeader("X-GitHub-Delivery").typeHeader("X-GitHub-Event").wholeBodyAsData().trustUnsignedHeaders()
                .build());
        WebhookEndpoint endpoint = WebhookEndpoint.builder(github).name(name()).secret(secret)
                .deduplicator(Deduplicator.none()).build();
        byte[] push = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"ref\":\"refs/heads/other\"}".getBytes(StandardCharsets.UTF_8);
        String deliveryId = "d-" + UUID.randomUUID();

        assertThat(inbox.receive(endpoint, github(secret, deliveryId, push), Instant.now()).status())
                .isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(inbox.receive(endpoint, github(secret, deliveryId, push), Instant.now()).status())
                .isEqualTo(Outcome.Status.DUPLICATE);
        // a capture replayed under the id of a delivery still to come cannot take that delivery's place
        assertThat(inbox.receive(endpoint, github(secret, deliveryId, other), Instant.now()).status())
                .isEqualTo(Outcome.Status.ACCEPTED);

        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(push));
        assertThat(inbox.find(endpoint.name(), deliveryId + "#sha256=" + digest)).isPresent();
        assertThat(inbox.find(endpoint.name(), deliveryId)).isEmpty();
    }

    private static Delivery github(String secret, String deliveryId, byte[] body) {
        Headers.Builder headers = Headers.builder();
        WebhookSigner.of(SignatureSchemes.github(), secret).sign(body).forEach(headers::add);
        return Delivery.of(headers.add("X-GitHub-Delivery", deliveryId).add("X-GitHub-Event", "push").build(), body);
    }

    @Test
    void anEventOfAnotherEndpointIsRefused() {
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).build();

        assertThatThrownBy(() -> inbox.add(endpoint, InboxEvents.event("elsewhere", "evt_1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An event of endpoint 'elsewhere' cannot be stored for endpoint '" + endpoint.name() + "'");
    }

    @Test
    void statsCountEveryStateAndDateTheOldestWaitingRow() throws Exception {
        JdbcInbox fresh = freshInbox();
        WebhookEndpoint endpoint = InboxEvents.endpoint(name()).build();
        Instant oldest = Instant.now().minus(Duration.ofMinutes(3));
        fresh.add(endpoint, new VerifiedEvent(endpoint.name(), "exa", "evt_old", "webset.created", null, oldest, null,
                Headers.empty(), InboxEvents.body("evt_old")));
        fresh.add(endpoint, InboxEvents.event(endpoint.name(), "evt_new"));

        InboxStats stats = fresh.stats();

        assertThat(stats.count(InboxState.PENDING)).isEqualTo(2);
        assertThat(stats.count(InboxState.DONE)).isZero();
        assertThat(stats.counts()).containsOnlyKeys(InboxState.values());
        assertThat(stats.oldestWaitingReceivedAt()).isEqualTo(oldest.truncatedTo(ChronoUnit.MICROS));
        assertThat(stats.oldestWaitingAge()).hasValueSatisfying(age -> assertThat(age)
                .isBetween(Duration.ofMinutes(3), Duration.ofMinutes(4)));
        assertThat(freshInbox().stats().oldestWaitingAge()).as("an empty inbox").isEmpty();
    }

    @Test
    void listChoosesRowsByStateEndpointTypeAndTimeOfReceipt() {
        WebhookEndpoint a = InboxEvents.endpoint(name()).build();
        WebhookEndpoint b = InboxEvents.endpoint(name()).build();
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            inbox.add(a, new VerifiedEvent(a.name(), "exa", "evt_a" + i, "webset.created", null, t0.plusSeconds(i),
                    null, Headers.empty(), InboxEvents.body("evt_a" + i)));
        }
        inbox.add(b, InboxEvents.event(b.name(), "evt_b0"));

        assertThat(inbox.list(InboxState.PENDING, InboxFilter.all().endpoint(a.name()), 10))
                .extracting(InboxRow::eventId).containsExactly("evt_a0", "evt_a1", "evt_a2");
        assertThat(inbox.list(InboxState.PENDING, InboxFilter.all().endpoint(a.name())
                .receivedBetween(t0.plusSeconds(1), t0.plusSeconds(2)), 10))
                .extracting(InboxRow::eventId).containsExactly("evt_a1");
        assertThat(inbox.list(InboxState.PENDING, InboxFilter.all().endpoint(a.name()).type("webset.deleted"), 10))
                .isEmpty();
        assertThat(inbox.list(InboxState.DEAD, InboxFilter.all().endpoint(a.name()), 10)).isEmpty();
        assertThat(inbox.list(InboxState.PENDING, InboxFilter.all().endpoint(a.name()), 2)).hasSize(2);
        assertThatThrownBy(() -> InboxFilter.all().receivedBetween(t0, t0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderSaysWhatIsWrong() {
        JdbcInbox.Builder builder = JdbcInbox.builder(dataSource);

        assertThatThrownBy(() -> builder.retention(Duration.ZERO)).hasMessage("retention must be positive, was PT0S");
        assertThatThrownBy(() -> builder.pruneBatchSize(0)).hasMessage("pruneBatchSize must be from 1 to 100000, was 0");
        assertThatThrownBy(() -> builder.tablePrefix("Bad-")).hasMessageStartingWith("Table prefix 'Bad-' is not allowed");
        assertThat(builder.tablePrefix("acme_").build().table()).isEqualTo("acme_inbox");
    }

    /** An inbox in tables of its own, for counts no other test touches; dropped with the class's. */
    private static JdbcInbox freshInbox() {
        String prefix = PREFIX.substring(0, PREFIX.length() - 1) + "s" + Long.toHexString(System.nanoTime() & 0xfffff) + "_";
        JdbcSchema.withPrefix(prefix).apply(dataSource);
        FRESH.add(prefix);
        return JdbcInbox.builder(dataSource).tablePrefix(prefix).build();
    }
}
