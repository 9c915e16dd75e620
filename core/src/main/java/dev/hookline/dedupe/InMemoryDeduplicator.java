package dev.hookline.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded, in-memory {@link Deduplicator} for one instance of an application.
 *
 * <p>Handled events are remembered for {@link Builder#retention(Duration) retention} (default 24 hours), and
 * at most {@link Builder#maxEntries(int) maxEntries} events are remembered or held at once (default 100,000).
 * When it is full, the oldest handled event is forgotten early, but only if the time it was asked to be kept
 * ({@code keepUntil} of {@link #complete}) has passed: an event that could still be replayed is never forgotten.
 * When every remembered event is still protected, a claim answers {@link Claim.Status#BUSY} (the sender is asked
 * to retry later) rather than forgetting one.
 *
 * <p>An event is remembered by a 128-bit digest of its endpoint and id (SipHash-2-4 under a random key drawn
 * when the store is built), not by the id itself: 60 to 70 bytes per event whatever the id's length, in arrays
 * the garbage collector never has to trace, and nothing of a sender's id is kept (but for its key's
 * {@code hashCode} while the event is held, so that a lease made for another key settles nothing). Without the key
 * nobody can make two ids collide; by chance, among a billion distinct ids the chance that two share a digest is
 * near 2^-69, so small that the store treats a digest as the event.
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
    /**
     * The owner number of a handled event or a free slot; leases get numbers from 1 up, per stripe. A lease's
     * token is its owner number, a dot, then its place: its slot, shifted left by the stripe index's bits, or'd
     * with the index.
     */
    private static final long DONE = 0;

    private final int maxEntries;
    private final Duration retention;
    private final long retentionMillis;
    private final Clock clock;
    private final KeyDigest digest;
    private final Stripe[] stripes;
    /** How far a digest's first word is shifted to give its stripe's index: 64 less the index's bits. */
    private final int stripeShift;
    /** The bits of a stripe's index, below a slot's in the place a lease's token names. */
    private final int stripeBits;
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
        this.digest = builder.digest == null ? KeyDigest.random() : builder.digest;
        int count = Math.max(1, Math.min(MAX_STRIPES, Integer.highestOneBit(maxEntries / MIN_STRIPE_ENTRIES)));
        this.stripes = new Stripe[count];
        this.stripeBits = Integer.numberOfTrailingZeros(count);
        this.stripeShift = 64 - stripeBits;
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
        KeyDigest.Digest event = digest.of(key);
        // the stripe: the digest's first word's top bits, independent of the bits that pick a bucket
        int index = stripes.length == 1 ? 0 : (int) (event.first() >>> stripeShift);
        Stripe stripe = stripes[index];
        int check = key.hashCode();
        long owner;
        int slot;
        // the lock is held for the table's work only: on a busy core, a holder descheduled inside it stalls
        // every claim of its stripe, so the digest and the lease are made outside it
        synchronized (stripe) {
            stripe.forgetExpired(now, retentionMillis);
            slot = stripe.find(event.first(), event.second());
            if (slot != Stripe.NONE && stripe.owner(slot) == DONE) {
                return Claim.completed();
            }
            if (slot != Stripe.NONE && stripe.until(slot) > now) {
                return Claim.inProgress();
            }
            if (slot == Stripe.NONE && !stripe.makeRoom(now)) {
                return Claim.busy();
            }
            // a new claim, or the take-over of a lease its holder let expire
            if (slot == Stripe.NONE) {
                slot = stripe.add(event.first(), event.second());
            }
            owner = ++stripe.owners;
            stripe.hold(slot, owner, expiresAt, check);
        }
        String token = owner + "." + (((long) slot << stripeBits) | index);
        return Claim.acquired(new Lease(key, token, expiry(expiresAt)));
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
        long keep = keepUntil == null ? Long.MIN_VALUE : epochMillis(keepUntil);
        return settle(lease, true, clock.millis(), keep);
    }

    @Override
    public boolean release(Lease lease) {
        return settle(lease, false, 0, 0);
    }

    /**
     * Marks handled ({@code handled}) or forgets the event a lease holds, found by its token: the stripe and slot
     * it names, if the slot is still held under the token's owner number by a key of the lease's hash code. No
     * digest is made: owner numbers are never reused within a stripe, so a held slot's number names one
     * acquisition.
     */
    private boolean settle(Lease lease, boolean handled, long now, long keepUntil) {
        String token = lease.owner();
        int dot = token.indexOf('.');
        long owner = dot < 0 ? -1 : number(token, 0, dot);
        long place = dot < 0 ? -1 : number(token, dot + 1, token.length());
        if (owner <= DONE || place < 0 || place >>> stripeBits > Integer.MAX_VALUE) {
            return false;
        }
        Stripe stripe = stripes[(int) (place & (stripes.length - 1))];
        int slot = (int) (place >>> stripeBits);
        int check = lease.key().hashCode();
        synchronized (stripe) {
            if (!stripe.holds(slot, owner, check)) {
                return false;
            }
            if (handled) {
                stripe.complete(slot, now, keepUntil);
            } else {
                stripe.remove(slot);
            }
            return true;
        }
    }

    /**
     * The decimal number in {@code text} from {@code start} to {@code end}, or -1 if it is not one as a token
     * writes it: one or more digits, no sign, no leading zero, no more than a long holds.
     */
    private static long number(String text, int start, int end) {
        if (start == end || (end - start > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
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

    /** An instant in epoch millis; one too far to count in millis counts as the first or last millisecond. */
    private static long epochMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
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
     * One lock's share of the events: a chained hash table in arrays of primitives, one slot per event, handled
     * events also linked oldest first. No object is made per event, so a store churning through events gives the
     * collector nothing to copy or trace. Every method is called with the stripe's monitor held.
     */
    private static final class Stripe {
        /** No slot: the end of a chain or of the handled list. */
        static final int NONE = -1;
        private static final int FIRST_SLOTS = 16;
        /** A slot's numbers in {@link #numbers}, at {@code slot * NUMBERS}. */
        private static final int FIRST = 0;
        private static final int SECOND = 1;
        /** The lease's owner number while held; {@link #DONE} once handled, and while free. */
        private static final int OWNER = 2;
        /** While held, when the lease ends; once handled, until when the event must be kept. Epoch millis. */
        private static final int UNTIL = 3;
        /** Once handled, when it was, in epoch millis. */
        private static final int COMPLETED_AT = 4;
        /**
         * While held, the hash code of the key claimed, so that a lease made with another key settles nothing: the
         * same number as {@link #COMPLETED_AT}, which is unused until then.
         */
        private static final int CHECK = COMPLETED_AT;
        private static final int NUMBERS = 5;
        /**
         * A slot's links in {@link #links}, at {@code slot * LINKS}: the next slot in its bucket (or, once free,
         * in the free list), and its neighbours in the order handled events completed.
         */
        private static final int CHAIN = 0;
        private static final int OLDER = 1;
        private static final int NEWER = 2;
        private static final int LINKS = 3;

        private final int capacity;
        private long[] numbers;
        private int[] links;
        /** The first slot of each bucket: a power of two, at least about two buckets per slot. */
        private int[] buckets;
        /** Slots handed out so far; those below it that hold no event are in the free list. */
        private int used;
        private int free = NONE;
        /** Entries held or handled. */
        int size;
        /** Entries handled. */
        int completed;
        /** The last owner number given out: each held slot's is its acquisition's own. */
        long owners;
        private int oldest = NONE;
        private int newest = NONE;

        Stripe(int capacity) {
            this.capacity = capacity;
            allocate(Math.min(FIRST_SLOTS, capacity));
        }

        long owner(int slot) {
            return numbers[slot * NUMBERS + OWNER];
        }

        long until(int slot) {
            return numbers[slot * NUMBERS + UNTIL];
        }

        int find(long first, long second) {
            for (int slot = buckets[bucket(second)]; slot != NONE; slot = links[slot * LINKS + CHAIN]) {
                if (numbers[slot * NUMBERS + SECOND] == second && numbers[slot * NUMBERS + FIRST] == first) {
                    return slot;
                }
            }
            return NONE;
        }

        /**
         * Whether a slot is held under {@code owner} by a key whose hash code is {@code check}. A slot that was never
         * handed out, is free, or was handled holds no owner.
         */
        boolean holds(int slot, long owner, int check) {
            return slot < used && owner(slot) == owner && numbers[slot * NUMBERS + CHECK] == check;
        }

        /** A new slot for an event, in its bucket; not yet held or handled. */
        int add(long first, long second) {
            int slot = free;
            if (slot != NONE) {
                free = links[slot * LINKS + CHAIN];
            } else {
                if (used * NUMBERS == numbers.length) {
                    allocate(Math.min(used * 2, capacity));
                }
                slot = used++;
            }
            numbers[slot * NUMBERS + FIRST] = first;
            numbers[slot * NUMBERS + SECOND] = second;
            int bucket = bucket(second);
            links[slot * LINKS + CHAIN] = buckets[bucket];
            links[slot * LINKS + OLDER] = NONE;
            links[slot * LINKS + NEWER] = NONE;
            buckets[bucket] = slot;
            size++;
            return slot;
        }

        void hold(int slot, long owner, long expiresAt, int check) {
            numbers[slot * NUMBERS + OWNER] = owner;
            numbers[slot * NUMBERS + UNTIL] = expiresAt;
            numbers[slot * NUMBERS + CHECK] = check;
        }

        /** Marks a held slot handled, as the newest. */
        void complete(int slot, long now, long keepUntil) {
            numbers[slot * NUMBERS + OWNER] = DONE;
            numbers[slot * NUMBERS + UNTIL] = keepUntil;
            numbers[slot * NUMBERS + COMPLETED_AT] = now;
            links[slot * LINKS + OLDER] = newest;
            if (newest == NONE) {
                oldest = slot;
            } else {
                links[newest * LINKS + NEWER] = slot;
            }
            newest = slot;
            completed++;
        }

        /** Forgets a slot's event and frees the slot. */
        void remove(int slot) {
            int bucket = bucket(numbers[slot * NUMBERS + SECOND]);
            int next = links[slot * LINKS + CHAIN];
            if (buckets[bucket] == slot) {
                buckets[bucket] = next;
            } else {
                int before = buckets[bucket];
                while (links[before * LINKS + CHAIN] != slot) {
                    before = links[before * LINKS + CHAIN];
                }
                links[before * LINKS + CHAIN] = next;
            }
            size--;
            if (owner(slot) == DONE) {
                int older = links[slot * LINKS + OLDER];
                int newer = links[slot * LINKS + NEWER];
                if (older == NONE) {
                    oldest = newer;
                } else {
                    links[older * LINKS + NEWER] = newer;
                }
                if (newer == NONE) {
                    newest = older;
                } else {
                    links[newer * LINKS + OLDER] = older;
                }
                completed--;
            }
            numbers[slot * NUMBERS + OWNER] = DONE;
            links[slot * LINKS + CHAIN] = free;
            free = slot;
        }

        /** Forgets, from the oldest on, the handled events past both their retention and their keep time. */
        void forgetExpired(long now, long retentionMillis) {
            while (oldest != NONE && now - numbers[oldest * NUMBERS + COMPLETED_AT] >= retentionMillis
                    && until(oldest) <= now) {
                remove(oldest);
            }
        }

        /** Whether one more event fits, forgetting an old handled one that is no longer protected if need be. */
        boolean makeRoom(long now) {
            if (size < capacity) {
                return true;
            }
            int slot = oldest;
            for (int i = 0; i < EVICTION_SCAN && slot != NONE; i++, slot = links[slot * LINKS + NEWER]) {
                if (until(slot) <= now) {
                    remove(slot);
                    return true;
                }
            }
            return false;
        }

        /** Makes room for {@code slots} slots, keeping every slot's contents and rebuilding the buckets. */
        private void allocate(int slots) {
            numbers = numbers == null ? new long[slots * NUMBERS] : Arrays.copyOf(numbers, slots * NUMBERS);
            links = links == null ? new int[slots * LINKS] : Arrays.copyOf(links, slots * LINKS);
            int[] old = buckets;
            buckets = new int[Integer.highestOneBit(Math.max(1, slots - 1)) << 2];
            Arrays.fill(buckets, NONE);
            if (old == null) {
                return;
            }
            for (int head : old) {
                for (int slot = head; slot != NONE; ) {
                    int next = links[slot * LINKS + CHAIN];
                    int bucket = bucket(numbers[slot * NUMBERS + SECOND]);
                    links[slot * LINKS + CHAIN] = buckets[bucket];
                    buckets[bucket] = slot;
                    slot = next;
                }
            }
        }

        /** The bucket of a digest's second word, which is as random in its low bits as anywhere. */
        private int bucket(long second) {
            return (int) second & (buckets.length - 1);
        }
    }

    /** Configures an {@link InMemoryDeduplicator}; not thread-safe. */
    public static final class Builder {
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private Duration retention = DEFAULT_RETENTION;
        private Clock clock = Clock.systemUTC();
        /** Set by tests that need the same stripes and buckets on every run; null for a random key. */
        private KeyDigest digest;

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

        /** Digests keys under a fixed key rather than a random one: for tests that count on where events fall. */
        Builder digest(KeyDigest digest) {
            this.digest = Objects.requireNonNull(digest, "digest");
            return this;
        }

        /** The deduplicator. */
        public InMemoryDeduplicator build() {
            return new InMemoryDeduplicator(this);
        }
    }
}
