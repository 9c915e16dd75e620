package dev.hookline.providers;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where repeated backfills keep the position each endpoint reached, so that every run goes on from the last one,
 * and where a run holds that position while it goes, so that two runs of one endpoint never overlap: the second
 * finds it held and skips, instead of dispatching the same events again.
 *
 * <pre>{@code
 * PositionStore positions = new InMemoryPositionStore();   // or JdbcPositionStore, shared by every instance
 * Optional<BackfillResult> result = positions.advance("exa", stored -> exa.backfill(endpoint,
 *         stored.orElse(EventPosition.since(Instant.now().minus(Duration.ofDays(1)))), null, null));
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface PositionStore {

    /**
     * Runs one backfill of an endpoint from its stored position while holding that position, then stores the
     * position the run reached ({@link BackfillResult#position()}) and lets go. When another run holds the
     * endpoint's position, in this process or, for a shared store, in another, returns at once without running.
     * When {@code run} throws, nothing is stored and the exception is passed on.
     *
     * @param endpoint the endpoint's name
     * @param run the backfill, given the stored position (empty before the first run has stored one)
     * @return the run's result, or empty when the position was held elsewhere and nothing ran
     */
    Optional<BackfillResult> advance(String endpoint, Function<Optional<EventPosition>, BackfillResult> run);

    /**
     * The position stored for an endpoint, without holding it.
     *
     * @param endpoint the endpoint's name
     * @return the position, or empty when none is stored yet
     */
    Optional<EventPosition> position(String endpoint);
}
