package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.DeduplicatorContract;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.Lease;
import dev.hookline.dedupe.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every deduplicator contract test, against PostgreSQL, and what is particular to the JDBC store. */
class JdbcDeduplicatorTest extends DeduplicatorContract {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static HikariDataSource dataSource;

    @BeforeAll
    static void createTables() {
        dataSource = TestDatabase.pool("contract", 4);
        JdbcSchema.withPrefix(PREFIX).apply(dataSource);
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (dataSource != null) {
            TestDatabase.dropTables(dataSource, PREFIX);
            dataSource.close();
        }
    }

    @Override
    protected Deduplicator newDeduplicator(MutableClock clock) {
        return JdbcDeduplicator.builder(dataSource).tablePrefix(PREFIX).clock(clock).build();
    }

    private Lease acquire(EventKey key) {
        Claim claim = store().claim(key, LEASE);
        assertThat(claim.status()).isEqualTo(Claim.Status.ACQUIRED);
        return claim.lease();
    }

    @Test
    void retentionIsAWeekUnlessChosen() {
        assertThat(store().retention()).isEqualTo(Optional.of(Duration.ofDays(7)));
        assertThat(JdbcDeduplicator.builder(dataSource).retention(Duration.ofDays(30)).build().retention())
                .isEqualTo(Optional.of(Duration.ofDays(30)));
    }

    @Test
    void aHandledEventIsForgottenAfterTheRetentionAndAcquiredAgain() {
        EventKey key = key("exa", "evt_old");
        store().complete(acquire(key), null);

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(store().claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(store().claim(key, LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void aHandledEventIsKeptUntilKeepUntilWhenThatIsLaterThanTheRetention() {
        EventKey key = key("encrata", "evt_replayable");
        store().complete(acquire(key), clock.instant().plus(Duration.ofDays(10)));

        clock.advance(Duration.ofDays(10).minusSeconds(1));
        assertThat(store().claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(store().claim(key, LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void anEarlierKeepUntilDoesNotShortenTheRetention() {
        EventKey key = key("exa", "evt_soon");
        store().complete(acquire(key), clock.instant().plus(Duration.ofMinutes(10)));

        clock.advance(Duration.ofDays(6));

        assertThat(store().claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
    }

    @Test
    void aReleaseFromAnotherOwnerChangesNothing() {
        EventKey key = key("exa", "evt_1");
        Lease held = acquire(key);
        Lease forged = new Lease(key, "someone-else", held.expiresAt());

        assertThat(store().release(forged)).isFalse();
        assertThat(store().complete(forged, null)).isFalse();

        assertThat(store().claim(key, LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);
        assertThat(store().complete(held, null)).isTrue();
    }

    @Test
    void longIdsAndAnyCharactersAreKeys() {
        StringBuilder id = new StringBuilder("evt_'\";--\u00e9\u6f22\ud83d\ude00_");
        while (id.length() < 2_000) {
            id.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        EventKey key = key("exa", id.toString());
        EventKey sibling = key("exa", id.substring(0, id.length() - 1));

        store().complete(acquire(key), null);

        assertThat(store().claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
        assertThat(store().claim(sibling, LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void aKeyTooLongForTheIndexFailsWithoutNamingTheId() {
        StringBuilder id = new StringBuilder("evt_secret_");
        while (id.length() < 10_000) {
            id.append(Long.toHexString(ThreadLocalRandom.current().nextLong()));
        }
        EventKey key = key("exa", id.toString());

        assertThatThrownBy(() -> store().claim(key, LEASE))
                .isInstanceOfSatisfying(JdbcStoreException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("54000");
                    assertThat(e.getMessage())
                            .isEqualTo("Deduplication store failed to claim an event (SQLState 54000)");
                });
    }

    @Test
    void describesItselfWithoutItsDataSource() {
        assertThat(store().toString()).isEqualTo("JdbcDeduplicator[table=" + PREFIX + "deduplication, retention=PT168H]");
    }

    @Test
    void refusesABadConfiguration() {
        assertThatThrownBy(() -> JdbcDeduplicator.builder(dataSource).retention(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retention must be positive, was PT0S");
        assertThatThrownBy(() -> JdbcDeduplicator.builder(dataSource).pruneBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pruneBatchSize must be from 1 to 100000, was 0");
        assertThatThrownBy(() -> JdbcDeduplicator.builder(dataSource).tablePrefix("Hookline"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Table prefix 'Hookline' is not allowed");
    }
}
