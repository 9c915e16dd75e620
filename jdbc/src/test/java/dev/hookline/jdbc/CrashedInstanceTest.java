package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.Lease;
import dev.hookline.dedupe.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An instance dies holding an event: another instance takes the event over once the lease ends. */
class CrashedInstanceTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final Duration LEASE = Duration.ofSeconds(40);

    private static HikariDataSource survivor;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    @BeforeAll
    static void createTables() {
        survivor = TestDatabase.pool("instance-b", 2);
        JdbcSchema.withPrefix(PREFIX).apply(survivor);
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (survivor != null) {
            TestDatabase.dropTables(survivor, PREFIX);
            survivor.close();
        }
    }

    private JdbcDeduplicator store(HikariDataSource dataSource) {
        return JdbcDeduplicator.builder(dataSource).tablePrefix(PREFIX).clock(clock).build();
    }

    @Test
    void anotherInstanceTakesOverTheLeaseOfACrashedOneAndTheLateCompleteIsRefused() {
        EventKey key = new EventKey("exa", "evt_" + UUID.randomUUID());
        HikariDataSource crashing = TestDatabase.pool("instance-a", 2);
        Claim first = store(crashing).claim(key, LEASE);
        assertThat(first.status()).isEqualTo(Claim.Status.ACQUIRED);
        Lease orphaned = first.lease();

        crashing.close();                                 // its connections are gone; the row stays held
        JdbcDeduplicator b = store(survivor);
        assertThat(b.claim(key, LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);

        clock.advance(LEASE.plusSeconds(1));
        Claim rescue = b.claim(key, LEASE);
        assertThat(rescue.status()).isEqualTo(Claim.Status.ACQUIRED);
        assertThat(rescue.lease().owner()).isNotEqualTo(orphaned.owner());

        HikariDataSource restarted = TestDatabase.pool("instance-a-again", 2);
        try {
            JdbcDeduplicator a = store(restarted);
            assertThat(a.complete(orphaned, null)).isFalse();
            assertThat(a.release(orphaned)).isFalse();
            assertThat(a.claim(key, LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);

            assertThat(b.complete(rescue.lease(), null)).isTrue();
            assertThat(a.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
        } finally {
            restarted.close();
        }
    }

    @Test
    void aStoreWhosePoolIsClosedFailsWithoutNamingTheEvent() {
        EventKey key = new EventKey("exa", "evt_secret_" + UUID.randomUUID());
        HikariDataSource closed = TestDatabase.pool("closed", 1);
        JdbcDeduplicator store = store(closed);
        Lease lease = store.claim(key, LEASE).lease();
        closed.close();

        assertThatThrownBy(() -> store.claim(key, LEASE)).isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("Deduplication store failed to claim an event (SQLState ")
                .hasMessageNotContaining(key.eventId());
        assertThatThrownBy(() -> store.complete(lease, null)).isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("Deduplication store failed to record a handled event (SQLState ")
                .hasMessageNotContaining(key.eventId());
        assertThatThrownBy(() -> store.release(lease)).isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("Deduplication store failed to release an event (SQLState ");
        assertThatThrownBy(store::prune).isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("Deduplication store failed to prune expired events (SQLState ");
    }
}
