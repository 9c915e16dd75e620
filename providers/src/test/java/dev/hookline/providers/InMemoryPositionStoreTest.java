package dev.hookline.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-memory position store: positions per endpoint, one run at a time per endpoint, nothing kept on failure. */
class InMemoryPositionStoreTest {

    private static final Instant T = Instant.parse("2026-04-01T00:00:00Z");
    private static final EventPosition REACHED = EventPosition.after(T, "event_1");

    private final InMemoryPositionStore store = new InMemoryPositionStore();

    private static BackfillResult reaching(EventPosition position) {
        return new BackfillResult(1, 1, 0, 0, List.of(), position, null);
    }

    @Test
    void aRunIsGivenThePositionTheLastOneReached() {
        List<Optional<EventPosition>> given = new ArrayList<>();

        store.advance("exa", stored -> {
            given.add(stored);
            return reaching(REACHED);
        });
        store.advance("exa", stored -> {
            given.add(stored);
            return reaching(stored.orElseThrow());
        });

        assertThat(given).containsExactly(Optional.empty(), Optional.of(REACHED));
        assertThat(store.position("exa")).contains(REACHED);
        assertThat(store.position("other")).isEmpty();
    }

    @Test
    void aRunWhileAnotherHoldsTheEndpointSkipsButAnotherEndpointRuns() {
        List<Optional<BackfillResult>> inner = new ArrayList<>();

        store.advance("exa", stored -> {
            inner.add(store.advance("exa", again -> reaching(EventPosition.since(T))));
            inner.add(store.advance("other", again -> reaching(EventPosition.since(T))));
            return reaching(REACHED);
        });

        assertThat(inner.get(0)).isEmpty();
        assertThat(inner.get(1)).isPresent();
        assertThat(store.position("exa")).contains(REACHED);
    }

    @Test
    void aRunThatThrowsStoresNothingAndLetsGo() {
        store.advance("exa", stored -> reaching(REACHED));

        assertThatThrownBy(() -> store.advance("exa", stored -> {
            throw new IllegalStateException("broke");
        })).hasMessage("broke");

        assertThat(store.position("exa")).contains(REACHED);
        assertThat(store.advance("exa", stored -> reaching(stored.orElseThrow()))).isPresent();
    }
}
