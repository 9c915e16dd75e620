package dev.hookline.providers;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * A {@link PositionStore} in this process's memory: runs of one endpoint in this process never overlap, and the
 * positions are forgotten when it stops, so the first run after a restart starts wherever its caller says. Several
 * instances of an application each keep their own positions and repeat each other's work (their deduplication then
 * decides what runs again); share a {@code JdbcPositionStore} between them instead.
 *
 * <p>Thread-safe.
 */
public final class InMemoryPositionStore implements PositionStore {

    private final Map<String, EventPosition> positions = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> holds = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryPositionStore() {
    }

    /**
     * {@inheritDoc}
     *
     * <p>A run in progress, on any thread, makes this call return empty at once.
     */
    @Override
    public Optional<BackfillResult> advance(String endpoint, Function<Optional<EventPosition>, BackfillResult> run) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(run, "run");
        Semaphore hold = holds.computeIfAbsent(endpoint, name -> new Semaphore(1));
        if (!hold.tryAcquire()) {
            return Optional.empty();
        }
        try {
            BackfillResult result = Objects.requireNonNull(run.apply(position(endpoint)), "the run's result");
            positions.put(endpoint, result.position());
            return Optional.of(result);
        } finally {
            hold.release();
        }
    }

    @Override
    public Optional<EventPosition> position(String endpoint) {
        return Optional.ofNullable(positions.get(Objects.requireNonNull(endpoint, "endpoint")));
    }

    @Override
    public String toString() {
        return "InMemoryPositionStore[" + positions.size() + " endpoint(s)]";
    }
}
