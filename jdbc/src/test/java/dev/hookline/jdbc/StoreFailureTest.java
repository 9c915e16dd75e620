package dev.hookline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.dedupe.EventKey;
import java.net.ServerSocket;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A database that cannot be reached, or lacks the table: an exception the endpoint maps to 503, naming no event. */
class StoreFailureTest {

    private static final EventKey KEY = new EventKey("exa", "evt_do_not_show_this_id");

    /** A data source for a port nothing listens on. */
    private static DataSource nobodyListening() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:" + port + "/test");
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    @Test
    void anUnreachableDatabaseFailsTheClaimWithTheSqlStateOnly() throws Exception {
        JdbcDeduplicator store = JdbcDeduplicator.builder(nobodyListening()).build();

        assertThatThrownBy(() -> store.claim(KEY, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(JdbcStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("08001"))
                .hasMessage("Deduplication store failed to claim an event (SQLState 08001)");
    }

    @Test
    void aMissingTableFailsTheClaimSayingSo() {
        HikariDataSource dataSource = TestDatabase.pool("no-table", 1);
        try {
            JdbcDeduplicator store = JdbcDeduplicator.builder(dataSource).tablePrefix(TestDatabase.uniquePrefix()).build();

            assertThatThrownBy(() -> store.claim(KEY, Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(JdbcStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("42P01"))
                    .hasMessage("Deduplication store failed to claim an event (SQLState 42P01)");
        } finally {
            dataSource.close();
        }
    }
}
