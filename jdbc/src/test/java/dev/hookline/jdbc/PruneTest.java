package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.Lease;
import dev.hookline.dedupe.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PruneTest {

    private static final String PREFIX = TestDatabase.uniquePrefix();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofDays(1);
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static HikariDataSource dataSource;

    private final MutableClock clock = new MutableClock(T0);
    private JdbcDeduplicator store;

    @BeforeAll
    static void createTables() {
        dataSource = TestDatabase.pool("prune", 2);
        JdbcSchema.withPrefix(PREFIX).apply(dataSource);
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (dataSource != null) {
            TestDatabase.dropTables(dataSource, PREFIX);
            dataSource.close();
        }
    }

    @BeforeEach
    void emptyTable() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + PREFIX + "deduplication");
        }
        store = JdbcDeduplicator.builder(dataSource).tablePrefix(PREFIX).clock(clock).retention(RETENTION)
                .pruneBatchSize(10).build();
    }

    private Lease acquire(String id) {
        Claim claim = store.claim(new EventKey("exa", id), LEASE);
        assertThat(claim.status()).isEqualTo(Claim.Status.ACQUIRED);
        return claim.lease();
    }

    private void handle(String group, int count, Instant keepUntil) {
        for (int i = 0; i < count; i++) {
            assertThat(store.complete(acquire(group + "_" + i), keepUntil)).isTrue();
        }
    }

    /** How many rows each group and state has left: group "recent", state "completed" as "recent completed". */
    private static Map<String, Integer> rows() throws Exception {
        Map<String, Integer> groups = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT event_id, state FROM " + PREFIX + "deduplication")) {
            while (result.next()) {
                String id = result.getString(1);
                groups.merge(id.substring(0, id.lastIndexOf('_')) + " " + result.getString(2), 1, Integer::sum);
            }
        }
        return groups;
    }

    @Test
    void deletesExpiredRowsInBatchesAndKeepsTheRest() throws Exception {
        handle("old", 35, null);                                            // expire at T0 + 1 day
        handle("kept", 5, T0.plus(Duration.ofDays(3)));                     // a replay could pass until T0 + 3 days
        clock.advance(Duration.ofHours(1));
        handle("recent", 7, null);                                          // expire at T0 + 1 h + 1 day
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(acquire("held_" + i));                                  // never settled: lease ends T0 + 1 h + 30 s
        }

        clock.advance(RETENTION.minusMinutes(30));                          // T0 + 1 day + 30 min: the old are expired
        assertThat(store.prune()).isEqualTo(35);                            // 4 statements of at most 10
        assertThat(rows()).containsExactly(Map.entry("held held", 4), Map.entry("kept completed", 5),
                Map.entry("recent completed", 7));
        assertThat(store.prune()).isZero();

        clock.advance(Duration.ofHours(1));                                 // the recent ones and the abandoned leases
        assertThat(store.prune()).isEqualTo(11);
        assertThat(rows()).containsExactly(Map.entry("kept completed", 5));

        clock.advance(Duration.between(clock.instant(), T0.plus(Duration.ofDays(3))).minusSeconds(1));
        assertThat(store.prune()).isZero();
        assertThat(store.claim(new EventKey("exa", "kept_0"), LEASE).status()).isEqualTo(Claim.Status.COMPLETED);

        clock.advance(Duration.ofSeconds(1));                               // keepUntil reached
        assertThat(store.prune()).isEqualTo(5);
        assertThat(rows()).isEmpty();
        assertThat(store.complete(held.get(0), null)).isFalse();
    }

    @Test
    void aBatchExactlyFullIsFollowedByAnEmptyOne() throws Exception {
        handle("old", 20, null);
        clock.advance(RETENTION);

        assertThat(store.prune()).isEqualTo(20);
        assertThat(rows()).isEmpty();
    }

    @Test
    void aHeldEventStaysUntilItsLeaseEndedLongerAgoThanTheRetention() throws Exception {
        acquire("abandoned_0");
        clock.advance(LEASE.plus(RETENTION).minusSeconds(1));
        acquire("live_0");

        assertThat(store.prune()).isZero();
        assertThat(rows()).containsExactly(Map.entry("abandoned held", 1), Map.entry("live held", 1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.prune()).isEqualTo(1);
        assertThat(rows()).containsExactly(Map.entry("live held", 1));
    }
}
