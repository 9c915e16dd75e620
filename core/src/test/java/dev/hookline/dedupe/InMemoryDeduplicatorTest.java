package dev.hookline.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryDeduplicatorTest extends DeduplicatorContract {

    @Override
    protected Deduplicator newDeduplicator(MutableClock clock) {
        return InMemoryDeduplicator.builder().clock(clock).build();
    }

    private InMemoryDeduplicator bounded(int maxEntries) {
        return InMemoryDeduplicator.builder().maxEntries(maxEntries).clock(clock).build();
    }

    private static Lease acquire(Deduplicator store, EventKey key) {
        Claim claim = store.claim(key, LEASE);
        assertThat(claim.status()).isEqualTo(Claim.Status.ACQUIRED);
        return claim.lease();
    }

    @Test
    void handledEventsAreForgottenAfterTheRetention() {
        InMemoryDeduplicator store = InMemoryDeduplicator.builder().retention(Duration.ofHours(1)).clock(clock).build();
        EventKey key = new EventKey("exa", "a");
        store.complete(acquire(store, key), null);

        clock.advance(Duration.ofMinutes(59));
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);

        clock.advance(Duration.ofMinutes(1));
        assertThat(store.completedCount()).isZero();
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void anEventIsKeptPastTheRetentionWhileItCouldStillBeReplayed() {
        InMemoryDeduplicator store = InMemoryDeduplicator.builder().retention(Duration.ofHours(1)).clock(clock).build();
        EventKey key = new EventKey("encrata", "digest");
        store.complete(acquire(store, key), clock.instant().plus(Duration.ofDays(3)));

        clock.advance(Duration.ofDays(3).minusSeconds(1));
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void whenFullTheOldestEventNoLongerReplayableIsForgottenFirst() {
        InMemoryDeduplicator store = bounded(3);
        Instant inTenMinutes = clock.instant().plus(Duration.ofMinutes(10));
        store.complete(acquire(store, new EventKey("exa", "a")), clock.instant()); // no longer protected
        store.complete(acquire(store, new EventKey("exa", "b")), inTenMinutes);
        store.complete(acquire(store, new EventKey("exa", "c")), inTenMinutes);

        assertThat(store.claim(new EventKey("exa", "d"), LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);

        assertThat(store.claim(new EventKey("exa", "a"), LEASE).status()).isEqualTo(Claim.Status.BUSY);
        assertThat(store.claim(new EventKey("exa", "b"), LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
        assertThat(store.claim(new EventKey("exa", "c"), LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
    }

    @Test
    void whenFullOfEventsThatCouldStillBeReplayedItAnswersBusyAndForgetsNothing() {
        InMemoryDeduplicator store = bounded(2);
        Instant protectedUntil = clock.instant().plus(Duration.ofMinutes(10));
        store.complete(acquire(store, new EventKey("exa", "a")), protectedUntil);
        store.complete(acquire(store, new EventKey("exa", "b")), protectedUntil);

        assertThat(store.claim(new EventKey("exa", "c"), LEASE).status()).isEqualTo(Claim.Status.BUSY);
        assertThat(store.claim(new EventKey("exa", "a"), LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
        assertThat(store.claim(new EventKey("exa", "b"), LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
        assertThat(store.completedCount()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(10));
        assertThat(store.claim(new EventKey("exa", "c"), LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
        assertThat(store.completedCount()).isEqualTo(1);
    }

    @Test
    void heldEventsCountAgainstTheLimitToo() {
        InMemoryDeduplicator store = bounded(2);
        Lease a = acquire(store, new EventKey("exa", "a"));
        acquire(store, new EventKey("exa", "b"));

        assertThat(store.claim(new EventKey("exa", "c"), LEASE).status()).isEqualTo(Claim.Status.BUSY);

        store.release(a);
        assertThat(store.claim(new EventKey("exa", "c"), LEASE).status()).isEqualTo(Claim.Status.ACQUIRED);
        assertThat(store.inFlightCount()).isEqualTo(2);
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfEventsNoLongerReplayable() {
        InMemoryDeduplicator store = bounded(1_000);
        for (int i = 0; i < 100_000; i++) {
            Lease lease = acquire(store, new EventKey("exa", "evt_" + i));
            assertThat(store.complete(lease, clock.instant())).isTrue();
        }
        assertThat(store.completedCount()).isEqualTo(1_000);
        assertThat(store.inFlightCount()).isZero();
    }

    @Test
    void unrelatedEventsAreSpreadOverStripesThatFillEvenly() {
        // a fixed digest key, so that the same events fall in the same stripes on every run
        InMemoryDeduplicator store = InMemoryDeduplicator.builder().digest(new KeyDigest(1, 2)).build();
        int accepted = 0;
        for (int i = 0; i < 90_000; i++) {
            Claim claim = store.claim(new EventKey("exa", "evt_" + i), LEASE);
            if (claim.status() == Claim.Status.ACQUIRED) {
                store.complete(claim.lease(), clock.instant().plus(Duration.ofHours(1)));
                accepted++;
            }
        }
        // 90% of the capacity fits although it is shared out among stripes
        assertThat(accepted).isEqualTo(90_000);
        assertThat(store.completedCount()).isEqualTo(90_000);
    }

    @Test
    void theStripesTogetherHoldExactlyTheCapacity() {
        InMemoryDeduplicator store = InMemoryDeduplicator.builder().maxEntries(100_003).clock(clock).build();
        for (int i = 0; i < 150_000; i++) {
            Claim claim = store.claim(new EventKey("exa", "evt_" + i), LEASE);
            store.complete(claim.lease(), null); // nothing protected: the oldest is forgotten to make room
        }

        assertThat(store.completedCount()).isEqualTo(100_003);
    }

    @Test
    void concurrentClaimsOfOneEventAcquireItOnce() throws Exception {
        InMemoryDeduplicator store = InMemoryDeduplicator.create();
        ExecutorService executor = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 200; round++) {
                EventKey key = new EventKey("exa", "evt_" + round);
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger acquired = new AtomicInteger();
                List<Future<?>> claims = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    claims.add(executor.submit(() -> {
                        start.await();
                        if (store.claim(key, LEASE).status() == Claim.Status.ACQUIRED) {
                            acquired.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> claim : claims) {
                    claim.get(10, TimeUnit.SECONDS);
                }
                assertThat(acquired).hasValue(1);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void concurrentDistinctEventsAreEachAcquiredAndCompleted() throws Exception {
        InMemoryDeduplicator store = InMemoryDeduplicator.create();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        ConcurrentHashMap<EventKey, Boolean> done = new ConcurrentHashMap<>();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                workers.add(executor.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        EventKey key = new EventKey("exa", thread + "-" + i);
                        Lease lease = store.claim(key, LEASE).lease();
                        assertThat(store.complete(lease, null)).isTrue();
                        done.put(key, true);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(done).hasSize(40_000);
        assertThat(store.completedCount()).isEqualTo(40_000);
        assertThat(store.inFlightCount()).isZero();
    }

    @Test
    void itSaysItsRetention() {
        assertThat(InMemoryDeduplicator.create().retention()).contains(InMemoryDeduplicator.DEFAULT_RETENTION);
        assertThat(Deduplicator.none().retention()).isEmpty();
    }

    @Test
    void onlyTheHoldersOwnTokenSettlesAnEvent() {
        InMemoryDeduplicator store = InMemoryDeduplicator.builder().clock(clock).build();
        EventKey key = new EventKey("exa", "a");
        Lease held = acquire(store, key);
        String token = held.owner();
        // the token is the lease's owner number, a dot, and the place of its slot
        assertThat(token).matches("[1-9][0-9]*\\.(0|[1-9][0-9]*)");
        long owner = Long.parseLong(token.substring(0, token.indexOf('.')));
        long place = Long.parseLong(token.substring(token.indexOf('.') + 1));

        for (String forged : List.of("", "x", ".", String.valueOf(owner), "0" + token, "+" + token, "-" + token,
                " " + token, token + " ", token + ".", owner + ".", "." + place, owner + ".." + place,
                owner + ".+" + place, owner + ".0" + place, owner + "." + place + "0", "0." + place,
                (owner + 1) + "." + place, (owner - 1) + "." + place, owner + "." + (place + 1),
                owner + "." + (place + 64), owner + "." + (place + (1L << 36)), Long.MAX_VALUE + "." + place,
                "9223372036854775808." + place,
                owner + "." + Long.MAX_VALUE, owner + ".9223372036854775808", "1".repeat(40) + "." + place,
                owner + "." + (place | 1L << 40), "\u0661." + place, wrapped(owner) + "." + place,
                owner + "." + wrapped(place))) {
            Lease lease = new Lease(key, forged, held.expiresAt());
            assertThat(store.complete(lease, null)).as("'%s'", forged).isFalse();
            assertThat(store.release(lease)).as("'%s'", forged).isFalse();
        }

        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);
        assertThat(store.complete(new Lease(key, token, held.expiresAt()), null)).isTrue();
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
    }

    /** A number that, read into a long without a check for overflow, would wrap around to {@code value}. */
    private static BigInteger wrapped(long value) {
        return BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64));
    }

    @Test
    void aLeaseMadeForAnotherKeySettlesNothing() {
        InMemoryDeduplicator store = InMemoryDeduplicator.builder().clock(clock).build();
        EventKey key = new EventKey("exa", "a");
        Lease held = acquire(store, key);

        for (EventKey other : List.of(new EventKey("exa", "b"), new EventKey("standard", "a"))) {
            Lease lease = new Lease(other, held.owner(), held.expiresAt());
            assertThat(store.complete(lease, null)).as("%s", other).isFalse();
            assertThat(store.release(lease)).as("%s", other).isFalse();
        }

        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);
        assertThat(store.complete(new Lease(new EventKey("exa", "a"), held.owner(), held.expiresAt()), null))
                .as("an equal key").isTrue();
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
    }

    @Test
    void aSettledLeaseDoesNotSettleTheNextEventInItsSlot() {
        InMemoryDeduplicator store = bounded(1); // one slot, so every event reuses it
        EventKey key = new EventKey("exa", "a");
        Lease released = acquire(store, key);
        assertThat(store.release(released)).isTrue();
        assertThat(store.release(released)).isFalse();
        Lease second = acquire(store, key);
        assertThat(second.owner()).isNotEqualTo(released.owner());

        assertThat(store.complete(released, null)).isFalse();
        assertThat(store.release(released)).isFalse();
        assertThat(store.complete(second, clock.instant())).isTrue();
        assertThat(store.release(second)).isFalse();

        clock.advance(Duration.ofDays(2)); // past the retention: the slot is free again
        Lease third = acquire(store, key);
        assertThat(store.complete(second, null)).isFalse();
        assertThat(store.release(released)).isFalse();
        assertThat(store.release(third)).isTrue();
        assertThat(store.inFlightCount()).isZero();
        assertThat(store.completedCount()).isZero();
    }

    @Test
    void durationsTooLongToCountInMillisMeanForever() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        InMemoryDeduplicator store = InMemoryDeduplicator.builder().retention(forever).clock(clock).build();
        EventKey handled = new EventKey("exa", "a");
        store.complete(acquire(store, handled), null);
        Claim held = store.claim(new EventKey("exa", "b"), forever);

        clock.advance(Duration.ofDays(365 * 1000));

        assertThat(held.lease().expiresAt()).isEqualTo(Instant.ofEpochMilli(Long.MAX_VALUE));
        assertThat(store.claim(handled, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
        assertThat(store.claim(new EventKey("exa", "b"), LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);
    }

    @Test
    void anEventKeptUntilTheLastInstantIsNeverForgotten() {
        InMemoryDeduplicator store = InMemoryDeduplicator.builder().retention(Duration.ofHours(1)).clock(clock).build();
        EventKey key = new EventKey("exa", "a");

        assertThat(store.complete(acquire(store, key), Instant.MAX)).isTrue();
        clock.advance(Duration.ofDays(365 * 1000));

        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
        assertThat(store.completedCount()).isEqualTo(1);
    }

    @Test
    void invalidLimitsAreRefused() {
        assertThatThrownBy(() -> InMemoryDeduplicator.builder().maxEntries(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEntries");
        assertThatThrownBy(() -> InMemoryDeduplicator.builder().retention(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }
}
