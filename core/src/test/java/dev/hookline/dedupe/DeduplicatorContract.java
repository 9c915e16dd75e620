package dev.hookline.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Deduplicator} must do, whatever it stores events in. A store's test extends this class and
 * says how to make a store on a given clock; each test uses ids of its own, so a shared store needs no cleanup.
 */
public abstract class DeduplicatorContract {

    /** The lease the tests claim with. */
    protected static final Duration LEASE = Duration.ofSeconds(30);

    /** The clock every store under test must read, so that tests can let leases and retention run out. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(
            Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000L)));

    private Deduplicator store;
    private String run;

    /**
     * A new store that reads {@code clock} and remembers handled events for at least a day.
     *
     * @param clock the clock the store must use for leases and retention
     * @return the store
     */
    protected abstract Deduplicator newDeduplicator(MutableClock clock);

    @BeforeEach
    void createStore() {
        store = newDeduplicator(clock);
        run = UUID.randomUUID().toString();
    }

    /** The store under test. */
    protected Deduplicator store() {
        return store;
    }

    /** A key unique to this test run. */
    protected EventKey key(String endpoint, String id) {
        return new EventKey(endpoint, run + "-" + id);
    }

    private Lease acquire(EventKey key) {
        Claim claim = store.claim(key, LEASE);
        assertThat(claim.status()).isEqualTo(Claim.Status.ACQUIRED);
        assertThat(claim.lease().key()).isEqualTo(key);
        return claim.lease();
    }

    @Test
    void aHandledEventIsCompletedForLaterClaims() {
        EventKey key = key("exa", "evt_1");
        Lease lease = acquire(key);

        assertThat(store.complete(lease, null)).isTrue();

        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
        assertThat(store.claim(key, LEASE).lease()).isNull();
    }

    @Test
    void aHeldEventIsInProgressAtOnceForAnotherClaim() {
        EventKey key = key("exa", "evt_1");
        acquire(key);

        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);
    }

    @Test
    void aReleasedEventIsAcquiredAgain() {
        EventKey key = key("exa", "evt_1");
        Lease first = acquire(key);

        assertThat(store.release(first)).isTrue();

        Lease second = acquire(key);
        assertThat(second.owner()).isNotEqualTo(first.owner());
    }

    @Test
    void theSameIdOnTwoEndpointsIsTwoEvents() {
        Lease exa = acquire(key("exa", "evt_42"));
        store.complete(exa, null);

        Lease standard = acquire(key("standard", "evt_42"));
        assertThat(standard.key().endpoint()).isEqualTo("standard");
        assertThat(store.claim(key("exa", "evt_42"), LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsLateHolderCannotSettleIt() {
        EventKey key = key("exa", "evt_crashed");
        Lease crashed = acquire(key);
        clock.advance(LEASE.minusSeconds(1));
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);

        clock.advance(Duration.ofSeconds(2));
        Lease rescuer = acquire(key);

        assertThat(rescuer.owner()).isNotEqualTo(crashed.owner());
        assertThat(store.complete(crashed, null)).isFalse();
        assertThat(store.release(crashed)).isFalse();
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.IN_PROGRESS);
        assertThat(store.complete(rescuer, null)).isTrue();
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
    }

    @Test
    void aLeaseSettlesOnlyOnce() {
        EventKey key = key("exa", "evt_1");
        Lease lease = acquire(key);

        assertThat(store.complete(lease, null)).isTrue();
        assertThat(store.complete(lease, null)).isFalse();
        assertThat(store.release(lease)).isFalse();
        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
    }

    @Test
    void aLeaseEndsWhenTheStoreSays() {
        Lease lease = acquire(key("exa", "evt_1"));

        assertThat(lease.expiresAt()).isEqualTo(clock.instant().plus(LEASE));
    }

    @Test
    void aHandledEventIsRememberedForADay() {
        EventKey key = key("exa", "evt_1");
        store.complete(acquire(key), null);

        clock.advance(Duration.ofHours(23));

        assertThat(store.claim(key, LEASE).status()).isEqualTo(Claim.Status.COMPLETED);
    }
}
