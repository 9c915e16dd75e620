package dev.hookline.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random claims, completions, releases and clock moves, each answered by the store exactly as by a plain model of
 * its documented rules: one stripe (fewer than 2,048 entries), leases ending, events forgotten after the retention
 * unless still protected, the oldest unprotected event forgotten first when full, busy when every event is
 * protected.
 */
class InMemoryDeduplicatorModelTest {

    private static final Duration RETENTION = Duration.ofMinutes(30);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void answersAsTheModelDoes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MutableClock clock = new MutableClock();
        int capacity = 1 + random.nextInt(40);
        InMemoryDeduplicator store = InMemoryDeduplicator.builder()
                .maxEntries(capacity).retention(RETENTION).clock(clock).build();
        Model model = new Model(capacity, RETENTION.toMillis());
        List<Lease> leases = new ArrayList<>();

        for (int step = 0; step < 20_000; step++) {
            long now = clock.millis();
            int action = random.nextInt(10);
            if (action < 4) {
                EventKey key = new EventKey(random.nextInt(4) == 0 ? "encrata" : "exa", "evt_" + random.nextInt(80));
                Duration lease = Duration.ofSeconds(1 + random.nextInt(120));
                Claim claim = store.claim(key, lease);
                assertThat(claim.status()).as("step %d: claim %s", step, key)
                        .isEqualTo(model.claim(key, now, lease.toMillis()));
                if (claim.status() == Claim.Status.ACQUIRED) {
                    assertThat(claim.lease().expiresAt()).isEqualTo(Instant.ofEpochMilli(now + lease.toMillis()));
                    model.owners.put(claim.lease(), model.held.get(key).token);
                    leases.add(claim.lease());
                }
            } else if (action < 7 && !leases.isEmpty()) {
                Lease lease = leases.get(random.nextInt(leases.size()));
                Instant keepUntil = switch (random.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> Instant.ofEpochMilli(now);
                    default -> Instant.ofEpochMilli(now + random.nextInt(3_600_000));
                };
                long protectedUntil = keepUntil == null ? Long.MIN_VALUE : keepUntil.toEpochMilli();
                assertThat(store.complete(lease, keepUntil)).as("step %d: complete %s", step, lease)
                        .isEqualTo(model.complete(lease, now, protectedUntil));
            } else if (action < 8 && !leases.isEmpty()) {
                Lease lease = leases.get(random.nextInt(leases.size()));
                assertThat(store.release(lease)).as("step %d: release %s", step, lease)
                        .isEqualTo(model.release(lease));
            } else {
                clock.advance(Duration.ofSeconds(random.nextInt(90)));
            }
            if (step % 50 == 0) {
                assertThat(store.completedCount()).as("step %d", step).isEqualTo(model.completedCount(clock.millis()));
                assertThat(store.inFlightCount()).as("step %d", step).isEqualTo(model.held.size());
            }
        }
    }

    /** The rules, on plain maps. */
    private static final class Model {
        private final int capacity;
        private final long retention;
        private final Map<EventKey, Held> held = new HashMap<>();
        /** Handled events, oldest first: completion time and keep-until. */
        private final LinkedHashMap<EventKey, long[]> done = new LinkedHashMap<>();
        private final Map<Lease, Long> owners = new HashMap<>();
        private long tokens;

        Model(int capacity, long retention) {
            this.capacity = capacity;
            this.retention = retention;
        }

        record Held(long token, long expiresAt) {
        }

        Claim.Status claim(EventKey key, long now, long leaseMillis) {
            forget(now);
            if (done.containsKey(key)) {
                return Claim.Status.COMPLETED;
            }
            Held current = held.get(key);
            if (current != null && current.expiresAt() > now) {
                return Claim.Status.IN_PROGRESS;
            }
            if (current == null && held.size() + done.size() >= capacity && !evictOne(now)) {
                return Claim.Status.BUSY;
            }
            held.put(key, new Held(++tokens, now + leaseMillis));
            return Claim.Status.ACQUIRED;
        }

        boolean complete(Lease lease, long now, long keepUntil) {
            if (!release(lease)) {
                return false;
            }
            done.put(lease.key(), new long[] {now, keepUntil});
            return true;
        }

        boolean release(Lease lease) {
            Held current = held.get(lease.key());
            if (current == null || current.token() != owners.get(lease)) {
                return false;
            }
            held.remove(lease.key());
            return true;
        }

        int completedCount(long now) {
            forget(now);
            return done.size();
        }

        private void forget(long now) {
            Iterator<long[]> oldest = done.values().iterator();
            while (oldest.hasNext()) {
                long[] times = oldest.next();
                if (times[0] + retention > now || times[1] > now) {
                    return;
                }
                oldest.remove();
            }
        }

        private boolean evictOne(long now) {
            Iterator<long[]> oldest = done.values().iterator();
            for (int i = 0; i < 16 && oldest.hasNext(); i++) {
                if (oldest.next()[1] <= now) {
                    oldest.remove();
                    return true;
                }
            }
            return false;
        }
    }
}
