package dev.hookline.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.jdbc.JdbcInbox;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The inbox's figures are read at most once per time to live, a failed read included. */
class InboxStatsCacheTest {

    private final AtomicInteger connections = new AtomicInteger();

    /** A database that is down: every connection asked for is refused, and counted. */
    private final DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                if (method.getName().equals("getConnection")) {
                    connections.incrementAndGet();
                    throw new SQLException("connection refused", "08001");
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private final JdbcInbox inbox = JdbcInbox.builder(down).build();

    @Test
    void aFailedReadIsKeptForTheTimeToLive() {
        InboxStatsCache cache = new InboxStatsCache(inbox, Duration.ofHours(1));

        for (int i = 0; i < 5; i++) {
            assertThat(cache.get()).as("no figures while the database is down").isNull();
        }
        assertThat(connections).as("one attempt for five reads within the time to live").hasValue(1);
    }

    @Test
    void theFiguresAreReadAgainOnceTheTimeToLiveHasPassed() throws InterruptedException {
        InboxStatsCache cache = new InboxStatsCache(inbox, Duration.ofMillis(1));

        cache.get();
        Thread.sleep(5);
        cache.get();

        assertThat(connections).hasValue(2);
    }
}
