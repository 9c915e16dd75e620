package dev.hookline.bench;

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
 * The in-memory store as it was before it was striped: one lock for every event, an in-flight wait inside the store.
 * Kept unchanged but for its name, as the baseline the deduplication benchmark measures today's store against.
 */
final class SingleLockDeduplicator {

    /** The default number of completed ids remembered. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** The default time a completed id is remembered. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    private final int maxEntries;
    private final long retentionMillis;
    private final Clock clock;

    /** What a claim answered, as the previous contract named it. */
    enum Claim {
        ACQUIRED, COMPLETED, IN_PROGRESS
    }

    private final Object lock = new Object();
    /** Held ids; each future completes with true when the event completes, false when released. */
    private final Map<String, CompletableFuture<Boolean>> inFlight = new HashMap<>();
    /** Completed ids to when they completed, oldest first. */
    private final LinkedHashMap<String, Long> completed = new LinkedHashMap<>();

    private SingleLockDeduplicator(Builder builder) {
        this.maxEntries = builder.maxEntries;
        this.retentionMillis = builder.retention.toMillis();
        this.clock = builder.clock;
    }

    /** A deduplicator with the default limits. */
    public static SingleLockDeduplicator create() {
        return builder().build();
    }

    /** A builder for other limits. */
    public static Builder builder() {
        return new Builder();
    }

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
        return "SingleLockDeduplicator[maxEntries=" + maxEntries + ", retention=" + Duration.ofMillis(retentionMillis) + "]";
    }

    /** Configures an {@link SingleLockDeduplicator}; not thread-safe. */
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
        public SingleLockDeduplicator build() {
            return new SingleLockDeduplicator(this);
        }
    }
}
