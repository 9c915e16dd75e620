package dev.hookline.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bounded, in-memory {@link Deduplicator} for one instance of an application.
 *
 * <p>Completed ids are remembered for {@link Builder#retention(Duration) retention} (default 24 hours) and
 * at most {@link Builder#maxEntries(int) maxEntries} of them (default 100,000; the oldest go first), so
 * memory stays bounded however many events arrive: roughly 150 bytes plus the id's length per entry.
 * At most {@code maxEntries} ids may be in flight at once; a claim beyond that answers
 * {@link Claim#IN_PROGRESS}, asking the sender to retry. Nothing survives a restart: use a shared store
 * to deduplicate across restarts or instances.
 *
 * <p>Thread-safe.
 */
public final class InMemoryDeduplicator implements Deduplicator {

    /** The default number of completed ids remembered. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** The default time a completed id is remembered. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    private final int maxEntries;
    private final long retentionMillis;
    private final Clock clock;

    private final Object lock = new Object();
    /** Held ids; each future completes with true when the event completes, false when released. */
    private final Map<String, CompletableFuture<Boolean>> inFlight = new HashMap<>();
    /** Completed ids to when they completed, oldest first. */
    private final LinkedHashMap<String, Long> completed = new LinkedHashMap<>();

    private InMemoryDeduplicator(Builder builder) {
        this.maxEntries = builder.maxEntries;
        this.retentionMillis = builder.retention.toMillis();
        this.clock = builder.clock;
    }

    /** A deduplicator with the default limits. */
    public static InMemoryDeduplicator create() {
        return builder().build();
    }

    /** A builder for other limits. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Claim claim(String eventId, Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(eventId, "eventId");
        long deadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
        while (true) {
            CompletableFuture<Boolean> holder;
            synchronized (lock) {
                evictExpired();
                if (completed.containsKey(eventId)) {
                    return Claim.COMPLETED;
                }
                holder = inFlight.get(eventId);
                if (holder == null) {
                    if (inFlight.size() >= maxEntries) {
                        return Claim.IN_PROGRESS;
                    }
                    inFlight.put(eventId, new CompletableFuture<>());
                    return Claim.ACQUIRED;
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Claim.IN_PROGRESS;
            }
            try {
                holder.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return Claim.IN_PROGRESS;
            } catch (ExecutionException e) {
                throw new IllegalStateException("claim futures are never completed exceptionally", e);
            }
            // the holder finished: look again (completed, or released and free to acquire)
        }
    }

    @Override
    public void complete(String eventId) {
        synchronized (lock) {
            CompletableFuture<Boolean> holder = inFlight.remove(eventId);
            completed.remove(eventId);
            completed.put(eventId, clock.millis());
            if (completed.size() > maxEntries) {
                Iterator<String> oldest = completed.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            if (holder != null) {
                holder.complete(Boolean.TRUE);
            }
        }
    }

    @Override
    public void release(String eventId) {
        synchronized (lock) {
            CompletableFuture<Boolean> holder = inFlight.remove(eventId);
            if (holder != null) {
                holder.complete(Boolean.FALSE);
            }
        }
    }

    /** How many completed ids are remembered now. */
    public int completedCount() {
        synchronized (lock) {
            evictExpired();
            return completed.size();
        }
    }

    /** How many ids are held by deliveries in progress now. */
    public int inFlightCount() {
        synchronized (lock) {
            return inFlight.size();
        }
    }

    /** Drops completed ids older than the retention; the oldest are at the head. Caller holds the lock. */
    private void evictExpired() {
        long cutoff = clock.millis() - retentionMillis;
        Iterator<Long> times = completed.values().iterator();
        while (times.hasNext() && times.next() <= cutoff) {
            times.remove();
        }
    }

    @Override
    public String toString() {
        return "InMemoryDeduplicator[maxEntries=" + maxEntries + ", retention=" + Duration.ofMillis(retentionMillis) + "]";
    }

    /** Configures an {@link InMemoryDeduplicator}; not thread-safe. */
    public static final class Builder {
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private Duration retention = DEFAULT_RETENTION;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The most completed ids remembered (and the most held at once). Default 100,000.
         *
         * @param maxEntries a positive count
         * @return this builder
         */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries <= 0) {
                throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /**
         * How long a completed id is remembered. Default 24 hours; make it longer than the sender's retry period.
         *
         * @param retention a positive duration
         * @return this builder
         */
        public Builder retention(Duration retention) {
            Objects.requireNonNull(retention, "retention");
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention must be positive, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /**
         * The clock that ages completed ids. Default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The deduplicator. */
        public InMemoryDeduplicator build() {
            return new InMemoryDeduplicator(this);
        }
    }
}
