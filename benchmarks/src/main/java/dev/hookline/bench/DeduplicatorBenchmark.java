package dev.hookline.bench;

import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.dedupe.Lease;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One event's claim and completion in the in-memory store, on distinct ids from 1, 2 and 8 threads at once: today's
 * striped store beside the single-lock store it replaced ({@link SingleLockDeduplicator}). Both forget their oldest
 * events as they fill (today's is told no event needs protecting, as {@link RecyclingDeduplicator} does), so memory
 * stays flat and every operation takes the path of a new event. Throughput: higher is better.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeduplicatorBenchmark {

    private static final Duration LEASE = Duration.ofSeconds(40);

    /** The stores, shared by every thread of a run. */
    @State(Scope.Benchmark)
    public static class Stores {
        final InMemoryDeduplicator striped = InMemoryDeduplicator.create();
        final SingleLockDeduplicator singleLock = SingleLockDeduplicator.create();
        final AtomicLong ids = new AtomicLong();
    }

    /** Each thread's own run of ids, so that no two threads claim the same event. */
    @State(Scope.Thread)
    public static class Ids {
        String prefix;
        long next;

        @Setup
        public void setup(Stores stores) {
            prefix = "evt_" + stores.ids.incrementAndGet() + "_";
        }

        String next() {
            return prefix + next++;
        }
    }

    static boolean striped(Stores stores, Ids ids) {
        Claim claim = stores.striped.claim(new EventKey("exa", ids.next()), LEASE);
        Lease lease = claim.lease();
        return lease != null && stores.striped.complete(lease, null);
    }

    static boolean singleLock(Stores stores, Ids ids) throws InterruptedException {
        String id = ids.next();
        if (stores.singleLock.claim(id, Duration.ZERO) != SingleLockDeduplicator.Claim.ACQUIRED) {
            return false;
        }
        stores.singleLock.complete(id);
        return true;
    }

    @Benchmark
    @Group("striped1")
    @GroupThreads(1)
    public boolean striped1(Stores stores, Ids ids) {
        return striped(stores, ids);
    }

    @Benchmark
    @Group("striped2")
    @GroupThreads(2)
    public boolean striped2(Stores stores, Ids ids) {
        return striped(stores, ids);
    }

    @Benchmark
    @Group("striped8")
    @GroupThreads(8)
    public boolean striped8(Stores stores, Ids ids) {
        return striped(stores, ids);
    }

    @Benchmark
    @Group("singleLock1")
    @GroupThreads(1)
    public boolean singleLock1(Stores stores, Ids ids) throws InterruptedException {
        return singleLock(stores, ids);
    }

    @Benchmark
    @Group("singleLock2")
    @GroupThreads(2)
    public boolean singleLock2(Stores stores, Ids ids) throws InterruptedException {
        return singleLock(stores, ids);
    }

    @Benchmark
    @Group("singleLock8")
    @GroupThreads(8)
    public boolean singleLock8(Stores stores, Ids ids) throws InterruptedException {
        return singleLock(stores, ids);
    }
}
