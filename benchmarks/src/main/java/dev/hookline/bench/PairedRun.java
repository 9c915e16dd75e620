package dev.hookline.bench;

import dev.hookline.bench.http.Args;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hookline's whole path (or its accept stage) and its hand-written floor from {@link WholePathBenchmark}, measured
 * in turn in one JVM: short slices of one, then of the other, many times over, each pair in the other order from
 * the last. Each slice gives a time per operation; the ratio of the two slices of a pair is taken at the same moment,
 * so that a machine whose speed drifts by a factor of two within a minute (this one does, see BENCHMARKS.md) still
 * gives a usable ratio: the median ratios of separate runs stay within about 15 % of each other, where the means of
 * separate JMH runs of each benchmark differed by a factor of two. Run it more than once: each run is a new JVM,
 * compiled its own way.
 *
 * <pre>
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/hookline-benchmarks.jar dev.hookline.bench.PairedRun \
 *      --pair hookline --body 1024 --pairs 200 --slice-ms 50 --warmup-s 10
 * </pre>
 *
 * <p>{@code --pair hookline} compares {@link WholePathBenchmark#hookline()} with {@link WholePathBenchmark#floor()};
 * {@code --pair accept} compares {@link WholePathBenchmark#accept()} with {@link WholePathBenchmark#acceptFloor()}.
 * Each side runs on a state of its own (its own ring of deliveries and endpoint), set up as JMH sets it up. It prints
 * one line: the median and tenth percentile time of each side, and the median and quartiles of the pairs' ratios.
 */
public final class PairedRun {

    /** Where results go, so that the work cannot be optimised away. */
    static volatile Object sink;

    private final Side subject;
    private final Side floor;

    private PairedRun(Side subject, Side floor) {
        this.subject = subject;
        this.floor = floor;
    }

    /**
     * Runs the comparison the arguments name and prints its line.
     *
     * @param args {@code --pair hookline|accept --body <bytes>|fixture --pairs <n> --slice-ms <ms> --warmup-s <s>}
     * @throws GeneralSecurityException if a state cannot be set up
     */
    public static void main(String[] args) throws GeneralSecurityException {
        Map<String, String> options = Args.parse(args);
        String pair = options.getOrDefault("pair", "hookline");
        String body = options.getOrDefault("body", "1024");
        Result result = of(pair, body).run(Integer.parseInt(options.getOrDefault("pairs", "200")),
                TimeUnit.MILLISECONDS.toNanos(Long.parseLong(options.getOrDefault("slice-ms", "50"))),
                TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("warmup-s", "10"))));
        System.out.println(result.line(pair, body));
    }

    /**
     * The comparison {@code pair} names, on bodies of {@code body}.
     *
     * @throws IllegalArgumentException for a pair other than {@code hookline} or {@code accept}
     */
    static PairedRun of(String pair, String body) throws GeneralSecurityException {
        return of(pair, body, 0);
    }

    /** As {@link #of(String, String)}, with rings of {@code ringSize} deliveries (a power of two), or 0 for JMH's. */
    static PairedRun of(String pair, String body, int ringSize) throws GeneralSecurityException {
        if (!pair.equals("hookline") && !pair.equals("accept")) {
            // before the setup, which signs the rings: seconds for nothing
            throw new IllegalArgumentException("--pair is hookline or accept, not " + pair);
        }
        WholePathBenchmark subjectState = state(body, ringSize);
        WholePathBenchmark floorState = state(body, ringSize);
        return pair.equals("hookline")
                ? new PairedRun(subjectState::hookline, floorState::floor)
                : new PairedRun(subjectState::accept, floorState::acceptFloor);
    }

    private static WholePathBenchmark state(String body, int ringSize) throws GeneralSecurityException {
        WholePathBenchmark state = new WholePathBenchmark();
        state.body = body;
        state.ringSizeOverride = ringSize;
        state.setup();
        return state;
    }

    /** Warms both sides up in turn for {@code warmupNanos}, then measures {@code pairs} pairs of slices. */
    Result run(int pairs, long sliceNanos, long warmupNanos) throws GeneralSecurityException {
        if (pairs < 1 || sliceNanos < 1 || warmupNanos < 0) {
            throw new IllegalArgumentException("at least one pair of slices of some time, and no negative warm-up");
        }
        long warmupEnd = System.nanoTime() + warmupNanos;
        while (System.nanoTime() - warmupEnd < 0) {
            slice(subject, sliceNanos);
            slice(floor, sliceNanos);
        }
        double[] subjectTimes = new double[pairs];
        double[] floorTimes = new double[pairs];
        double[] ratios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            if (i % 2 == 0) {
                subjectTimes[i] = slice(subject, sliceNanos);
                floorTimes[i] = slice(floor, sliceNanos);
            } else {
                floorTimes[i] = slice(floor, sliceNanos);
                subjectTimes[i] = slice(subject, sliceNanos);
            }
            ratios[i] = subjectTimes[i] / floorTimes[i];
        }
        return new Result(sorted(subjectTimes), sorted(floorTimes), sorted(ratios));
    }

    /** Runs one side for at least {@code nanos}, in batches of 100 operations; its mean time per operation, in ns. */
    private static double slice(Side side, long nanos) throws GeneralSecurityException {
        long start = System.nanoTime();
        long operations = 0;
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                sink = side.run();
            }
            operations += 100;
            now = System.nanoTime();
        } while (now - start < nanos);
        return (double) (now - start) / operations;
    }

    private static double[] sorted(double[] values) {
        Arrays.sort(values);
        return values;
    }

    /** One operation of a side; what it returns is kept. */
    @FunctionalInterface
    private interface Side {
        Object run() throws GeneralSecurityException;
    }

    /**
     * The sorted slice times of each side, in ns per operation, and the sorted ratios of the pairs.
     *
     * @param subject Hookline's times
     * @param floor the floor's times
     * @param ratios each pair's Hookline time over its floor time
     */
    record Result(double[] subject, double[] floor, double[] ratios) {

        /** The value at quantile {@code q} of sorted values: the nearest rank. */
        static double at(double[] sorted, double q) {
            return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
        }

        String line(String pair, String body) {
            return String.format(Locale.ROOT, "pair=%s body=%s pairs=%d: %s median %.0f ns (p10 %.0f), floor median "
                            + "%.0f ns (p10 %.0f), ratio median %.3f (quartiles %.3f to %.3f)",
                    pair, body, ratios.length, pair, at(subject, 0.5), at(subject, 0.1), at(floor, 0.5),
                    at(floor, 0.1), at(ratios, 0.5), at(ratios, 0.25), at(ratios, 0.75));
        }
    }
}
