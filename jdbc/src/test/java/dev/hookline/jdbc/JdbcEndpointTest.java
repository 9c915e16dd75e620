package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Endpoints of two instances sharing the PostgreSQL store: a redelivery to either is handled once. */
class JdbcEndpointTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final String SECRET = "jdbc_endpoint_test_secret";
    private static final Instant NOW = Instant.parse("2026-05-02T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static HikariDataSource instanceA;
    private static HikariDataSource instanceB;

    private final WebhookSigner signer = WebhookSigner.of(Providers.exa().scheme(), SECRET, CLOCK);

    @BeforeAll
    static void createTables() {
        instanceA = TestDatabase.pool("endpoint-a", 2);
        instanceB = TestDatabase.pool("endpoint-b", 2);
        JdbcSchema.withPrefix(PREFIX).apply(instanceA);
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (instanceA != null) {
            TestDatabase.dropTables(instanceA, PREFIX);
            instanceA.close();
        }
        if (instanceB != null) {
            instanceB.close();
        }
    }

    private WebhookEndpoint endpoint(javax.sql.DataSource dataSource, AtomicInteger handled) {
        return WebhookEndpoint.builder(Providers.exa()).secret(SECRET).clock(CLOCK)
                .deduplicator(JdbcDeduplicator.builder(dataSource).tablePrefix(PREFIX).clock(CLOCK).build())
                .on("webset.created", event -> handled.incrementAndGet())
                .build();
    }

    private Delivery delivery(String id) {
        byte[] body = ("{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"webset.created\""
                + ",\"data\":{\"id\":\"webset_1\",\"object\":\"webset\"},\"createdAt\":\"2026-05-02T11:59:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        return Delivery.of(signer.headers(body, NOW, null), body);
    }

    @Test
    void aRedeliveryToAnotherInstanceIsADuplicate() {
        AtomicInteger handled = new AtomicInteger();
        WebhookEndpoint a = endpoint(instanceA, handled);
        WebhookEndpoint b = endpoint(instanceB, handled);
        Delivery delivery = delivery("evt_" + UUID.randomUUID());

        assertThat(a.receive(delivery).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(b.receive(delivery).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(a.receive(delivery).status()).isEqualTo(Outcome.Status.DUPLICATE);
        assertThat(handled).hasValue(1);
    }

    @Test
    void anUnreachableStoreFailsTheDeliveryAsDeduplicationUnavailable() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/test");
        unreachable.setConnectTimeout(5);
        AtomicInteger handled = new AtomicInteger();

        Outcome outcome = endpoint(unreachable, handled).receive(delivery("evt_" + UUID.randomUUID()));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(outcome.reason()).isEqualTo(DeliveryFailure.DEDUPLICATION_UNAVAILABLE);
        assertThat(handled).hasValue(0);
    }

    @Test
    void anEndpointRefusesARetentionShorterThanItsReplayWindow() {
        JdbcDeduplicator oneDay = JdbcDeduplicator.builder(instanceA).tablePrefix(PREFIX)
                .retention(Duration.ofDays(1)).build();
        String secret = "whsec_6cce5d5445b12e649ce9e715a2ef4addc9117d6bf3013a0f388997ed20711b1c";

        assertThatThrownBy(() -> WebhookEndpoint.builder(Providers.encrata()).secret(secret).deduplicator(oneDay).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the deduplicator's retention (PT24H) is shorter than the endpoint's replay window");
        WebhookEndpoint.builder(Providers.encrata()).secret(secret)
                .deduplicator(JdbcDeduplicator.builder(instanceA).tablePrefix(PREFIX).build()).build();
    }
}
