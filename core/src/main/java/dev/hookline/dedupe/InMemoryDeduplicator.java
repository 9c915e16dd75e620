package dev.hookline.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded, in-memory {@link Deduplicator} for one instance of an application.
 *
 * <p>Handled events are remembered for {@link Builder#retention(Duration) retention} (default 24 hours), and
 * at most {@link Builder#maxEntries(int) maxEntries} events are remembered or held at once (default 100,000):
 * roughly 200 bytes plus the id's length per entry. When it is full, the oldest handled event is forgotten
 * early, but only if the time it was asked to be kept ({@code keepUntil} of {@link #complete}) has passed: an
 * event that could still be replayed is never forgotten. When every remembered event is still protected, a
 * claim answers {@link Claim.Status#BUSY} (the sender is asked to retry later) rather than forgetting one.
 *
 * <p>Ids are spread over independently locked stripes, so unrelated events never wait for each other; the
 * capacity is shared out among the stripes, so a store near capacity may answer busy a little before it holds
 * {@code maxEntries} events in all.
 *
 * <p><b>Nothing survives a restart</b>, and nothing is shared with other instances: after a restart every
 * event is new again. Use a shared, durable store (such as the PostgreSQL one) to deduplicate across restarts
 * or instances. Thread-safe.
 */
public final class InMemoryDeduplicator implements Deduplicator {

    /** The default number of events remembered or held. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** The default time a handled event is remembered. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    /** Fewer entries than this per stripe would make capacity too uneven between stripes. */
    private static final int MIN_STRIPE_ENTRIES = 1024;
    private static final int MAX_STRIPES = 64;
    /** How many of the oldest entries a full stripe looks at for one it may forget. */
    private static final int EVICTION_SCAN = 16;

    private final int maxEntries;
    private final Duration retention;
    private final long retentionMillis;
    private final Clock clock;
    private final Stripe[] stripes;
    /** How far a key's spread hash is shifted to give its stripe's index: 32 less the index's bits. */
    private final int stripeShift;
    private final AtomicLong owners = new AtomicLong();

    private InMemoryDeduplicator(Builder builder) {
        this.maxEntries = builder.maxEntries;
        this.retention = builder.retention;
        this.retentionMillis = builder.retention.toMillis();
        this.clock = builder.clock;
        int count = Math.max(1, Math.min(MAX_STRIPES, Integer.highestOneBit(maxEntries / MIN_STRIPE_ENTRIES)));
        this.stripes = new Stripe[count];
        this.stripeShift = 32 - Integer.numberOfTrailingZeros(count);
        // share the capacity out exactly: the first maxEntries % count stripes hold one more
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe(maxEntries / count + (i < maxEntries % count ? 1 : 0));
        }
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
    public Claim claim(EventKey key, Duration lease) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lease, "lease");
        long now = clock.millis();
        Stripe stripe = stripe(key);
        synchronized (stripe) {
            stripe.forgetExpired(now, retentionMillis);
            if (stripe.completed.containsKey(key)) {
                return Claim.completed();
            }
            Held held = stripe.inFlight.get(key);
            if (held != null && held.expiresAt > now) {
                return Claim.inProgress();
            }
            if (held == null && !stripe.makeRoom(now)) {
                return Claim.busy();
            }
            // a new claim, or the take-over of a lease its holder let expire
            String owner = Long.toString(owners.incrementAndGet());
            long expiresAt = saturatedAdd(now, lease.toMillis());
            stripe.inFlight.put(key, new Held(owner, expiresAt));
            return Claim.acquired(new Lease(key, owner, Instant.ofEpochMilli(expiresAt)));
        }
    }

    @Override
    public boolean complete(Lease lease, Instant keepUntil) {
        Stripe stripe = stripe(lease.key());
        long now = clock.millis();
        synchronized (stripe) {
            if (!stripe.release(lease)) {
                return false;
            }
            long protectedUntil = keepUntil == null ? Long.MIN_VALUE : keepUntil.toEpochMilli();
            stripe.completed.put(lease.key(), new Done(now, protectedUntil));
            return true;
        }
    }

    @Override
    public boolean release(Lease lease) {
        Stripe stripe = stripe(lease.key());
        synchronized (stripe) {
            return stripe.release(lease);
        }
    }

    @Override
    public Optional<Duration> retention() {
        return Optional.of(retention);
    }

    /** The most events remembered or held at once. */
    public int maxEntries() {
        return maxEntries;
    }

    /** How many handled events are remembered now. */
    public int completedCount() {
        long now = clock.millis();
        int count = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                stripe.forgetExpired(now, retentionMillis);
                count += stripe.completed.size();
            }
        }
        return count;
    }

    /** How many events are held by deliveries in progress now, expired leases included. */
    public int inFlightCount() {
        int count = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                count += stripe.inFlight.size();
            }
        }
        return count;
    }

    /** The key's stripe, by Fibonacci hashing: ids that differ only in their last characters spread evenly. */
    private Stripe stripe(EventKey key) {
        if (stripes.length == 1) {
            return stripes[0];
        }
        return stripes[(key.hashCode() * 0x9E3779B9) >>> stripeShift];
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public String toString() {
        return "InMemoryDeduplicator[maxEntries=" + maxEntries + ", retention=" + retention + "]";
    }

    /** A held event: its owner token and when its lease ends, in epoch milliseconds. */
    private record Held(String owner, long expiresAt) {
    }

    /** A handled event: when it completed, and until when it must be kept, in epoch milliseconds. */
    private record Done(long completedAt, long keepUntil) {
    }

    /** One lock's share of the events. Every method is called with the stripe's monitor held. */
    private static final class Stripe {
        private final int capacity;
        private final Map<EventKey, Held> inFlight = new HashMap<>();
        /** Handled events in the order they completed, oldest first. */
        private final LinkedHashMap<EventKey, Done> completed = new LinkedHashMap<>();

        Stripe(int capacity) {
            this.capacity = capacity;
        }

        /** Forgets, from the oldest on, the handled events past both their retention and their keep time. */
        void forgetExpired(long now, long retentionMillis) {
            Iterator<Done> oldest = completed.values().iterator();
            while (oldest.hasNext()) {
                Done done = oldest.next();
                if (done.completedAt() + retentionMillis > now || done.keepUntil() > now) {
                    return;
                }
                oldest.remove();
            }
        }

        /** Whether one more event fits, forgetting an old handled one that is no longer protected if need be. */
        boolean makeRoom(long now) {
            if (inFlight.size() + completed.size() < capacity) {
                return true;
            }
            Iterator<Done> oldest = completed.values().iterator();
            for (int i = 0; i < EVICTION_SCAN && oldest.hasNext(); i++) {
                if (oldest.next().keepUntil() <= now) {
                    oldest.remove();
                    return true;
                }
            }
            return false;
        }

        /** Drops the lease's hold if it is still the owner's. */
        boolean release(Lease lease) {
            Held held = inFlight.get(lease.key());
            if (held == null || !held.owner().equals(lease.owner())) {
                return false;
            }
            inFlight.remove(lease.key());
            return true;
        }
    }

    /** Configures an {@link InMemoryDeduplicator}; not thread-safe. */
    public static final class Builder {
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private Duration retention = DEFAULT_RETENTION;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The most events remembered or held at once. Default 100,000.
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
         * How long a handled event is remembered. Default 24 hours; make it longer than the sender's retry
         * period. An endpoint refuses a store whose retention is shorter than its replay window.
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
         * The clock that ages events and leases. Default the system UTC clock.
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
