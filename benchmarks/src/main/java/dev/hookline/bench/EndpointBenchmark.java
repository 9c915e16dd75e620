package dev.hookline.bench;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.exa.ExaEvents;
import dev.hookline.exa.WebsetItem;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole core path for one delivery: {@link WebhookEndpoint#receive} verifies the Exa signature,
 * parses the envelope, claims the event id, binds {@code data} to {@link WebsetItem} and runs a typed
 * handler that does nothing else.
 *
 * <p>Each operation takes the next of a ring of deliveries signed in the setup, each with its own event
 * id; signing per operation would measure the signer as well. The deduplicator keeps half as many ids as
 * the ring holds, so when the ring comes round an id has been forgotten and is accepted again: every
 * operation takes the accepted path (checked, a duplicate throws), and memory stays flat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EndpointBenchmark {

    /** The most the ring may hold, in bytes of body. */
    static final long RING_BYTES = 128L << 20;

    @Param({"1024", "65536"})
    public int size;

    WebhookEndpoint endpoint;
    Delivery[] ring;
    int mask;
    int next;
    /** A smaller ring for the correctness tests; 0 in benchmarks. */
    int ringSizeOverride;

    /** Where the no-op handler puts the item, so that binding it cannot be optimised away. */
    static volatile WebsetItem lastItem;

    @Setup
    public void setup() {
        int ringSize = ringSizeOverride > 0 ? ringSizeOverride : ringSize(size);
        ring = new ExaDeliveries(size).ring(0, ringSize, Instant.now());
        mask = ringSize - 1;
        endpoint = WebhookEndpoint.builder(Providers.exa())
                .secret(Secrets.EXA)
                .tolerance(VerifyBenchmark.TOLERANCE)
                .deduplicator(new RecyclingDeduplicator(ringSize / 2))
                .on(ExaEvents.WEBSET_ITEM_CREATED, item -> lastItem = item)
                .build();
        receive();
    }

    /** A power of two between 64 and 131,072 deliveries, holding at most {@link #RING_BYTES} of body. */
    static int ringSize(int size) {
        long fits = Math.max(1, RING_BYTES / size);
        return (int) Math.max(64, Math.min(131_072, Long.highestOneBit(fits)));
    }

    @Benchmark
    public Outcome receive() {
        Delivery delivery = ring[next];
        next = (next + 1) & mask;
        Outcome outcome = endpoint.receive(delivery);
        if (outcome.status() != Outcome.Status.ACCEPTED) {
            throw new IllegalStateException("expected ACCEPTED, was " + outcome);
        }
        return outcome;
    }

}
