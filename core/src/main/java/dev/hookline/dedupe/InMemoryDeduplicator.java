package dev.hookline.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded, in-memory {@link Deduplicator} for one instance of an application.
 *
 * <p>Handled events are remembered for {@link Builder#retention(Duration) retention} (default 24 hours), and
 * at most {@link Builder#maxEntries(int) maxEntries} events are remembered or held at once (default 100,000):
 * roughly 130 bytes plus the id's length per entry, the key included, in one object of the store's own. When it is
 * full, the oldest handled event is forgotten early, but only if the time it was asked to be kept
 * ({@code keepUntil} of {@link #complete}) has passed: an event that could still be replayed is never forgotten.
 * When every remembered event is still protected, a claim answers {@link Claim.Status#BUSY} (the sender is asked
 * to retry later) rather than forgetting one.
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
    /** The owner token of a handled event; leases get tokens from 1 up. */
    private static final long DONE = 0;

    private final int maxEntries;
    private final Duration retention;
    private final long retentionMillis;
    private final Clock clock;
    private final Stripe[] stripes;
    /** How far a key's spread hash is shifted to give its stripe's index: 32 less the index's bits. */
    private final int stripeShift;
    /**
     * The end of the last lease given out: claims in the same millisecond share it rather than each making one.
     * Read and written without a lock: an {@code Instant} is immutable, so any thread sees a whole one.
     */
    private Instant lastExpiry = Instant.EPOCH;

    private InMemoryDeduplicator(Builder builder) {
        this.maxEntries = builder.maxEntries;
        this.retention = builder.retention;
        this.retentionMillis = millis(builder.retention);
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
        long expiresAt = saturatedAdd(now, millis(lease));
        int hash = key.hashCode();
        Stripe stripe = stripe(hash);
        long owner;
        // the lock is held for the table's work only: on a busy core, a holder descheduled inside it stalls
        // every claim of its stripe, so the lease is made after it is let go
        synchronized (stripe) {
            stripe.forgetExpired(now, retentionMillis);
            Entry entry = stripe.find(key, hash);
            if (entry != null && entry.owner == DONE) {
                return Claim.completed();
            }
            if (entry != null && entry.until > now) {
                return Claim.inProgress();
            }
            if (entry == null && !stripe.makeRoom(now)) {
                return Claim.busy();
            }
            // a new claim, or the take-over of a lease its holder let expire
            if (entry == null) {
                entry = stripe.add(key, hash);
            }
            owner = ++stripe.owners;
            entry.owner = owner;
            entry.until = expiresAt;
        }
        return Claim.acquired(new Lease(key, Long.toString(owner), expiry(expiresAt)));
    }

    private Instant expiry(long epochMilli) {
        Instant expiry = lastExpiry;
        if (expiry.toEpochMilli() != epochMilli) {
            expiry = Instant.ofEpochMilli(epochMilli);
            lastExpiry = expiry;
        }
        return expiry;
    }

    @Override
    public boolean complete(Lease lease, Instant keepUntil) {
        int hash = lease.key().hashCode();
        Stripe stripe = stripe(hash);
        long now = clock.millis();
        synchronized (stripe) {
            Entry entry = stripe.held(lease, hash);
            if (entry == null) {
                return false;
            }
            stripe.complete(entry, now, keepUntil == null ? Long.MIN_VALUE : keepUntil.toEpochMilli());
            return true;
        }
    }

    @Override
    public boolean release(Lease lease) {
        int hash = lease.key().hashCode();
        Stripe stripe = stripe(hash);
        synchronized (stripe) {
            Entry entry = stripe.held(lease, hash);
            if (entry == null) {
                return false;
            }
            stripe.remove(entry);
            return true;
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
                count += stripe.completed;
            }
        }
        return count;
    }

    /** How many events are held by deliveries in progress now, expired leases included. */
    public int inFlightCount() {
        int count = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                count += stripe.size - stripe.completed;
            }
        }
        return count;
    }

    /** The stripe of a key's hash, by Fibonacci hashing: ids differing only in their last characters spread evenly. */
    private Stripe stripe(int hash) {
        if (stripes.length == 1) {
            return stripes[0];
        }
        return stripes[(hash * 0x9E3779B9) >>> stripeShift];
    }

    /** A duration in millis; one too long to count in millis counts as forever. */
    private static long millis(Duration duration) {
        return duration.getSeconds() >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : duration.toMillis();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public String toString() {
        return "InMemoryDeduplicator[maxEntries=" + maxEntries + ", retention=" + retention + "]";
    }

    /**
     * One event, held or handled: the store's only object per event besides the key, so that a store churning
     * through events gives the collector little to copy.
     */
    private static final class Entry {
        final EventKey key;
        final int hash;
        /** The next entry in the same bucket. */
        Entry chain;
        /** The neighbours in the order handled events completed; null while held. */
        Entry older;
        Entry newer;
        /** The lease's owner token while held; {@link #DONE} once handled. */
        long owner;
        /** While held, when the lease ends; once handled, until when the event must be kept. Epoch millis. */
        long until;
        /** When the event was handled, in epoch millis. */
        long completedAt;

        Entry(EventKey key, int hash) {
            this.key = key;
            this.hash = hash;
        }
    }

    /**
     * One lock's share of the events: a chained hash table of entries, handled ones also linked oldest first.
     * Every method is called with the stripe's monitor held.
     */
    private static final class Stripe {
        private static final int FIRST_TABLE = 16;

        private final int capacity;
        private Entry[] table = new Entry[FIRST_TABLE];
        /** Entries held or handled. */
        int size;
        /** Entries handled. */
        int completed;
        /** The last owner token given out; tokens need only differ between the leases of one key. */
        long owners;
        private Entry oldest;
        private Entry newest;

        Stripe(int capacity) {
            this.capacity = capacity;
        }

        Entry find(EventKey key, int hash) {
            for (Entry entry = table[index(hash, table.length)]; entry != null; entry = entry.chain) {
                if (entry.hash == hash && entry.key.equals(key)) {
                    return entry;
                }
            }
            return null;
        }

        /** The entry the lease holds, or null if it is not held by the lease's owner (any more). */
        Entry held(Lease lease, int hash) {
            Entry entry = find(lease.key(), hash);
            return entry != null && entry.owner != DONE && isToken(lease.owner(), entry.owner) ? entry : null;
        }

        /** Whether {@code text} is the decimal token of {@code owner}, read without making a string of it. */
        private static boolean isToken(String text, long owner) {
            int length = text.length();
            if (length == 0 || length > 18 || (length > 1 && text.charAt(0) == '0')) {
                return length > 18 && text.equals(Long.toString(owner));
            }
            long value = 0;
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            return value == owner;
        }

        Entry add(EventKey key, int hash) {
            if (size >= table.length - (table.length >>> 2)) {
                grow();
            }
            Entry entry = new Entry(key, hash);
            int index = index(hash, table.length);
            entry.chain = table[index];
            table[index] = entry;
            size++;
            return entry;
        }

        /** Marks a held entry handled, as the newest. */
        void complete(Entry entry, long now, long keepUntil) {
            entry.owner = DONE;
            entry.completedAt = now;
            entry.until = keepUntil;
            entry.older = newest;
            if (newest == null) {
                oldest = entry;
            } else {
                newest.newer = entry;
            }
            newest = entry;
            completed++;
        }

        void remove(Entry entry) {
            int index = index(entry.hash, table.length);
            if (table[index] == entry) {
                table[index] = entry.chain;
            } else {
                Entry before = table[index];
                while (before.chain != entry) {
                    before = before.chain;
                }
                before.chain = entry.chain;
            }
            size--;
            if (entry.owner == DONE) {
                if (entry.older == null) {
                    oldest = entry.newer;
                } else {
                    entry.older.newer = entry.newer;
                }
                if (entry.newer == null) {
                    newest = entry.older;
                } else {
                    entry.newer.older = entry.older;
                }
                completed--;
            }
            // a forgotten entry may already be in the old generation: left linked, it would keep its younger
            // neighbours alive through every young collection, and them theirs
            entry.chain = null;
            entry.older = null;
            entry.newer = null;
        }

        /** Forgets, from the oldest on, the handled events past both their retention and their keep time. */
        void forgetExpired(long now, long retentionMillis) {
            while (oldest != null && now - oldest.completedAt >= retentionMillis && oldest.until <= now) {
                remove(oldest);
            }
        }

        /** Whether one more event fits, forgetting an old handled one that is no longer protected if need be. */
        boolean makeRoom(long now) {
            if (size < capacity) {
                return true;
            }
            Entry entry = oldest;
            for (int i = 0; i < EVICTION_SCAN && entry != null; i++, entry = entry.newer) {
                if (entry.until <= now) {
                    remove(entry);
                    return true;
                }
            }
            return false;
        }

        private void grow() {
            Entry[] larger = new Entry[table.length * 2];
            for (Entry head : table) {
                for (Entry entry = head; entry != null; ) {
                    Entry next = entry.chain;
                    int index = index(entry.hash, larger.length);
                    entry.chain = larger[index];
                    larger[index] = entry;
                    entry = next;
                }
            }
            table = larger;
        }

        /** The bucket of a hash: its bits folded, so that the bits the stripe was chosen by are not all it uses. */
        private static int index(int hash, int length) {
            return (hash ^ (hash >>> 16)) & (length - 1);
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
