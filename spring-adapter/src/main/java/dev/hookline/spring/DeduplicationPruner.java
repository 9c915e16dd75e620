package dev.hookline.spring;

import dev.hookline.jdbc.JdbcDeduplicator;
import dev.hookline.jdbc.JdbcStoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Prunes the PostgreSQL deduplicator's expired events every {@code hookline.jdbc.dedupe.prune-interval}, on one
 * daemon thread, from every instance (running at once is safe). A failure is logged and the next run tries again.
 */
final class DeduplicationPruner implements SmartLifecycle {

    private static final Log LOG = LogFactory.getLog(DeduplicationPruner.class);

    private final JdbcDeduplicator deduplicator;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    DeduplicationPruner(JdbcDeduplicator deduplicator, Duration interval) {
        this.deduplicator = deduplicator;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hookline-deduplication-pruner");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::prune, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void prune() {
        try {
            long deleted = deduplicator.prune();
            if (deleted > 0) {
                LOG.debug("Pruned " + deleted + " expired event(s) from " + deduplicator);
            }
        } catch (JdbcStoreException e) {
            LOG.warn("Pruning " + deduplicator + " failed; trying again in " + interval + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
