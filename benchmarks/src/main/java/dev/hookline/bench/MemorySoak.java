package dev.hookline.bench;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.bench.http.Args;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.exa.ExaEvents;
import dev.hookline.exa.WebsetItem;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A long run through one endpoint with the default bounded deduplicator: millions of deliveries, each
 * with its own event id, and the heap after a full collection sampled every so often. Memory should
 * rise while the deduplicator fills to its bound, then stay flat.
 *
 * <p>Deliveries are signed as they are made: this run measures memory, not time, so the signer's cost
 * does not matter here. Every delivery must be accepted; anything else fails the run.
 *
 * <p>Arguments: {@code --deliveries N --sample-every N --size BYTES --out FILE.csv}.
 */
public final class MemorySoak {

    private static volatile WebsetItem sink;

    private MemorySoak() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = Args.parse(args);
        long total = Long.parseLong(options.getOrDefault("deliveries", "2000000"));
        long sampleEvery = Long.parseLong(options.getOrDefault("sample-every", "100000"));
        int size = Integer.parseInt(options.getOrDefault("size", "1024"));
        Path out = Path.of(options.getOrDefault("out", "soak.csv"));

        RecyclingDeduplicator deduplicator = new RecyclingDeduplicator(InMemoryDeduplicator.DEFAULT_MAX_ENTRIES);
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa())
                .secret(Secrets.EXA)
                .deduplicator(deduplicator)
                .on(ExaEvents.WEBSET_ITEM_CREATED, item -> sink = item)
                .build();
        ExaDeliveries deliveries = new ExaDeliveries(size);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Map<Outcome.Status, Long> counts = new EnumMap<>(Outcome.Status.class);

        long started = System.nanoTime();
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out))) {
            csv.println("deliveries,heap_after_gc_bytes,dedup_completed,elapsed_ms");
            csv.println(sample(0, memory, deduplicator, started));
            for (long n = 1; n <= total; n++) {
                Delivery delivery = deliveries.delivery(n, Instant.now());
                Outcome outcome = endpoint.receive(delivery);
                counts.merge(outcome.status(), 1L, Long::sum);
                if (outcome.status() != Outcome.Status.ACCEPTED) {
                    throw new IllegalStateException("delivery " + n + " was not accepted: " + outcome);
                }
                if (n % sampleEvery == 0 || n == total) {
                    String line = sample(n, memory, deduplicator, started);
                    csv.println(line);
                    csv.flush();
                    System.out.println(line);
                }
            }
        }
        System.out.println("outcomes " + counts + ", item " + (sink != null));
    }

    private static String sample(long n, MemoryMXBean memory, RecyclingDeduplicator deduplicator, long started) {
        System.gc();
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        return n + "," + used + "," + deduplicator.completedCount() + ","
                + (System.nanoTime() - started) / 1_000_000;
    }
}
