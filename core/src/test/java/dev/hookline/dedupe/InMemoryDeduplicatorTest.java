package dev.hookline.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.dedupe.Deduplicator.Claim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryDeduplicatorTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration LONG_WAIT = Duration.ofSeconds(10);

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aCompletedIdIsReportedAsCompleted() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.create();

        assertThat(deduplicator.claim("a", NO_WAIT)).isEqualTo(Claim.ACQUIRED);
        deduplicator.complete("a");

        assertThat(deduplicator.claim("a", NO_WAIT)).isEqualTo(Claim.COMPLETED);
        assertThat(deduplicator.completedCount()).isEqualTo(1);
        assertThat(deduplicator.inFlightCount()).isZero();
    }

    @Test
    void aReleasedIdCanBeClaimedAgain() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.create();

        deduplicator.claim("a", NO_WAIT);
        deduplicator.release("a");

        assertThat(deduplicator.claim("a", NO_WAIT)).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void aClaimOnAHeldIdWaitsForItToComplete() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.create();
        deduplicator.claim("a", NO_WAIT);

        CompletableFuture<Claim> waiter = CompletableFuture.supplyAsync(() -> claim(deduplicator, "a"), executor);
        assertThat(waiter).isNotDone();
        deduplicator.complete("a");

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(Claim.COMPLETED);
    }

    @Test
    void aClaimOnAHeldIdAcquiresItWhenItIsReleased() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.create();
        deduplicator.claim("a", NO_WAIT);

        CompletableFuture<Claim> waiter = CompletableFuture.supplyAsync(() -> claim(deduplicator, "a"), executor);
        deduplicator.release("a");

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(Claim.ACQUIRED);
        assertThat(deduplicator.inFlightCount()).isEqualTo(1);
    }

    @Test
    void aClaimOnAHeldIdGivesUpAfterItsWait() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.create();
        deduplicator.claim("a", NO_WAIT);

        assertThat(deduplicator.claim("a", Duration.ofMillis(20))).isEqualTo(Claim.IN_PROGRESS);
        assertThat(deduplicator.claim("a", NO_WAIT)).isEqualTo(Claim.IN_PROGRESS);
    }

    @Test
    void completedIdsAreForgottenAfterTheRetention() throws Exception {
        MutableClock clock = new MutableClock();
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.builder()
                .retention(Duration.ofHours(1)).clock(clock).build();
        deduplicator.claim("a", NO_WAIT);
        deduplicator.complete("a");

        clock.advance(Duration.ofMinutes(59));
        assertThat(deduplicator.claim("a", NO_WAIT)).isEqualTo(Claim.COMPLETED);
        clock.advance(Duration.ofMinutes(1));

        assertThat(deduplicator.completedCount()).isZero();
        assertThat(deduplicator.claim("a", NO_WAIT)).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void theOldestCompletedIdsAreEvictedBeyondTheEntryLimit() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.builder().maxEntries(3).build();
        for (String id : new String[] {"a", "b", "c", "d"}) {
            deduplicator.claim(id, NO_WAIT);
            deduplicator.complete(id);
        }

        assertThat(deduplicator.completedCount()).isEqualTo(3);
        assertThat(deduplicator.claim("b", NO_WAIT)).isEqualTo(Claim.COMPLETED);
        assertThat(deduplicator.claim("a", NO_WAIT)).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfUniqueIds() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.builder().maxEntries(1_000).build();
        for (int i = 0; i < 100_000; i++) {
            String id = "evt_" + i;
            assertThat(deduplicator.claim(id, NO_WAIT)).isEqualTo(Claim.ACQUIRED);
            deduplicator.complete(id);
        }

        assertThat(deduplicator.completedCount()).isEqualTo(1_000);
        assertThat(deduplicator.inFlightCount()).isZero();
    }

    @Test
    void heldIdsAreBoundedToo() throws Exception {
        InMemoryDeduplicator deduplicator = InMemoryDeduplicator.builder().maxEntries(2).build();
        deduplicator.claim("a", NO_WAIT);
        deduplicator.claim("b", NO_WAIT);

        assertThat(deduplicator.claim("c", NO_WAIT)).isEqualTo(Claim.IN_PROGRESS);
        deduplicator.complete("a");
        assertThat(deduplicator.claim("c", NO_WAIT)).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void invalidLimitsAreRefused() {
        assertThatThrownBy(() -> InMemoryDeduplicator.builder().maxEntries(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEntries");
        assertThatThrownBy(() -> InMemoryDeduplicator.builder().retention(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }

    private static Claim claim(Deduplicator deduplicator, String id) {
        try {
            return deduplicator.claim(id, LONG_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
