package dev.hookline.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.event.WebhookEvent;
import dev.hookline.exa.WebsetItem;
import dev.hookline.jdbc.TestDatabase;
import dev.hookline.routing.WebhookListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * An application with a PostgreSQL DataSource, an endpoint in inbox mode and one deduplicating in PostgreSQL, as a
 * user would write it: nothing Hookline-specific wired by hand. Its tables are dropped when its context closes,
 * after the inbox's workers have stopped.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ InboxApplication.Listeners.class, InboxApplication.Database.class })
class InboxApplication {

    static class Database {
        @Bean
        HikariDataSource dataSource() {
            return TestDatabase.pool("spring-inbox", 8);
        }

        @Bean
        DisposableBean hooklineTestTables(DataSource dataSource, Environment environment) {
            return () -> TestDatabase.dropTables(dataSource, environment.getProperty("hookline.jdbc.table-prefix"));
        }
    }

    static class Listeners {
        /** Items whose id starts with {@code slow} wait here until a test opens it. */
        final CountDownLatch slowGate = new CountDownLatch(1);
        final List<String> itemsStarted = new CopyOnWriteArrayList<>();
        final List<String> itemsFinished = new CopyOnWriteArrayList<>();
        final List<String> itemThreads = new CopyOnWriteArrayList<>();
        final List<String> paused = new CopyOnWriteArrayList<>();
        final List<String> shared = new CopyOnWriteArrayList<>();

        @WebhookListener(value = "webset.item.created", endpoint = "exa")
        void onItem(WebsetItem item) throws InterruptedException {
            itemsStarted.add(item.id());
            itemThreads.add(Thread.currentThread().getName());
            if (item.id().startsWith("slow")) {
                slowGate.await(30, TimeUnit.SECONDS);
            }
            itemsFinished.add(item.id());
        }

        @WebhookListener(value = "webset.paused", endpoint = "exa")
        void onPaused(WebhookEvent event) {
            paused.add(event.id());
            throw new IllegalStateException("the search index is down");
        }

        @WebhookListener(value = "*", endpoint = "shared")
        void onShared(WebhookEvent event) {
            shared.add(event.id());
        }
    }
}
