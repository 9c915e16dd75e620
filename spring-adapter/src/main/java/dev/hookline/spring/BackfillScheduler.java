package dev.hookline.spring;

import dev.hookline.WebhookEndpoint;
import dev.hookline.providers.BackfillFailure;
import dev.hookline.providers.BackfillResult;
import dev.hookline.providers.EventPosition;
import dev.hookline.providers.ExaClient;
import dev.hookline.providers.PositionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the backfill of every endpoint with {@code backfill.enabled=true} on one daemon thread: each endpoint's first
 * run when the application starts, each next one an interval after the last ended. A run takes the endpoint's
 * position from the {@link PositionStore} (or starts the look-back before now), dispatches the events Exa emitted
 * since, up to the time the run started, through the endpoint built with its listeners, and stores the position
 * reached. A run that fails is logged (the error's class and message, never the API key or an event's data) and
 * the next tries again from the stored position. Stopping interrupts a run in progress and waits for it to store
 * how far it got. Starts nothing when no endpoint is backfilled.
 */
final class BackfillScheduler implements SmartLifecycle {

    private static final Log LOG = LogFactory.getLog(BackfillScheduler.class);

    /** How long {@link #stop()} waits for an interrupted run to end. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The most failed events one log line names. */
    private static final int MAX_LOGGED_FAILURES = 10;

    /**
     * One endpoint's backfill, its settings checked.
     *
     * @param types only these event types, or empty for every type
     */
    record Job(String endpoint, ExaClient exa, Duration interval, Duration lookBack, Set<String> types) {
    }

    private final WebhookEndpointRegistry registry;
    private final List<Job> jobs;
    private final PositionStore positions;
    private final ObjectProvider<BackfillObserver> observerBeans;
    private volatile List<BackfillObserver> observers = List.of();
    private ScheduledExecutorService scheduler;

    BackfillScheduler(WebhookEndpointRegistry registry, List<Job> jobs, PositionStore positions,
                      ObjectProvider<BackfillObserver> observers) {
        this.registry = registry;
        this.jobs = List.copyOf(jobs);
        this.positions = positions;
        this.observerBeans = observers;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || jobs.isEmpty()) {
            return;
        }
        observers = observerBeans.orderedStream().toList();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hookline-backfill");
            thread.setDaemon(true);
            return thread;
        });
        for (Job job : jobs) {
            scheduler.scheduleWithFixedDelay(() -> run(job), 0, job.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Hookline backfill scheduled for endpoint(s) " + jobs.stream()
                .map(job -> job.endpoint() + " every " + job.interval()).toList() + ", positions in " + positions);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            if (!running.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("A Hookline backfill run was still going " + STOP_TIMEOUT + " after it was interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** The endpoints' backfills, for tests and diagnostics. */
    List<Job> jobs() {
        return jobs;
    }

    /**
     * One run of a backfill, on the calling thread. Never throws: a failure is logged and told to the observers.
     *
     * @return what the run did, or empty when it was skipped or failed
     */
    Optional<BackfillResult> run(Job job) {
        WebhookEndpoint endpoint = registry.endpoint(job.endpoint());
        if (endpoint == null) {
            return Optional.empty(); // not built: the application is still starting or has failed to
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // Exa's times are in milliseconds
        Optional<BackfillResult> result;
        try {
            result = positions.advance(job.endpoint(), stored -> {
                EventPosition from = stored.orElse(EventPosition.since(now.minus(job.lookBack())));
                Instant until = from.createdAt().isAfter(now) ? from.createdAt() : now;
                return job.exa().backfill(endpoint, from, until, job.types());
            });
        } catch (RuntimeException e) {
            LOG.warn("Hookline backfill of endpoint '" + job.endpoint() + "' failed; trying again in "
                    + job.interval() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            tell(observer -> observer.onFailure(job.endpoint(), e));
            return Optional.empty();
        }
        if (result.isEmpty()) {
            LOG.debug("Hookline backfill of endpoint '" + job.endpoint() + "' skipped: another run holds it");
            tell(observer -> observer.onSkip(job.endpoint()));
            return result;
        }
        log(job, result.get());
        tell(observer -> observer.onRun(job.endpoint(), result.get()));
        return result;
    }

    private static void log(Job job, BackfillResult result) {
        String prefix = "Hookline backfill of endpoint '" + job.endpoint() + "': ";
        if (result.failed() > 0) {
            LOG.warn(prefix + result + "; retried from there in " + job.interval() + ". Failed: "
                    + result.failures().stream().limit(MAX_LOGGED_FAILURES).map(BackfillScheduler::describe)
                            .collect(Collectors.joining(", "))
                    + (result.failed() > MAX_LOGGED_FAILURES ? ", ..." : ""));
        } else if (result.stoppedBy().isPresent()) {
            LOG.warn(prefix + result + "; going on from there in " + job.interval());
        } else if (result.handled() > 0) {
            LOG.info(prefix + result);
        } else {
            LOG.debug(prefix + result);
        }
    }

    private static String describe(BackfillFailure failure) {
        return failure.type() + " " + failure.eventId() + " (" + failure.reason() + ")";
    }

    private void tell(Consumer<BackfillObserver> call) {
        for (BackfillObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                LOG.warn("BackfillObserver " + observer + " failed: " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "BackfillScheduler[" + jobs.stream().map(Job::endpoint).toList() + ", " + positions + "]";
    }
}
