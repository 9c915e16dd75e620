package dev.hookline.bench.report;

import dev.hookline.bench.http.Args;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the raw results of a run into the generated parts of BENCHMARKS.md (each between
 * {@code <!-- BEGIN GENERATED: name -->} and {@code <!-- END GENERATED: name -->}) and the chart.
 *
 * <p>Reads from the results folder: {@code jmh-main.json} and {@code jmh-scaling.json} (JMH's JSON),
 * {@code http.csv} (one line per HTTP run), {@code soak.csv} (the memory run) and {@code machine.md}
 * (machine and run description, included as it is).
 *
 * <p>Arguments: {@code --results DIR --markdown FILE --chart FILE}.
 */
public final class Report {

    static final int KIB = 1024;
    static final int[] TARGET_SIZES = {KIB, 64 * KIB};
    static final int[] SCALING_SIZES = {KIB, 16 * KIB, 64 * KIB, 256 * KIB, 1024 * KIB};

    static final double PEER_SPEEDUP = 1.5;
    static final double SMALL_BODY_OVERHEAD = 1.25;
    static final double LARGE_BODY_OVERHEAD = 1.1;
    static final double HTTP_SHARE = 0.85;

    private static final String V = "VerifyBenchmark.";
    private static final String HOOKLINE_SW = V + "hooklineStandardWebhooks";
    private static final String LIB_SW = V + "standardWebhooksLibrary";
    private static final String LIB_SVIX = V + "svixLibrary";
    private static final String RAW_SW = V + "rawHmacStandardWebhooks";
    private static final String HOOKLINE_STRIPE = V + "hooklineStripe";
    private static final String LIB_STRIPE = V + "stripeJava";
    private static final String RAW_STRIPE = V + "rawHmacStripe";
    private static final String ENDPOINT = "EndpointBenchmark.receive";

    /** A row of the verification table. */
    private record Row(String scheme, String label, String method, String baseline) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("Standard Webhooks", "**Hookline** `SignatureVerifier`", HOOKLINE_SW, RAW_SW),
            new Row("Standard Webhooks", "standardwebhooks 1.2.0 `Webhook#verify`", LIB_SW, RAW_SW),
            new Row("Standard Webhooks", "svix 1.99.1 `Webhook#verify`", LIB_SVIX, RAW_SW),
            new Row("Standard Webhooks", "raw JDK HMAC (floor)", RAW_SW, RAW_SW),
            new Row("Stripe", "**Hookline** `SignatureSchemes.stripe()`", HOOKLINE_STRIPE, RAW_STRIPE),
            new Row("Stripe", "stripe-java 33.3.0 `Signature.verifyHeader`", LIB_STRIPE, RAW_STRIPE),
            new Row("Stripe", "raw JDK HMAC (floor)", RAW_STRIPE, RAW_STRIPE));

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = Args.parse(args);
        Path results = Path.of(options.getOrDefault("results", "benchmarks/results"));
        Path markdown = Path.of(options.getOrDefault("markdown", "BENCHMARKS.md"));
        Path chart = Path.of(options.getOrDefault("chart", "benchmarks/results/verification-vs-size.png"));

        JmhResults jmh = JmhResults.read(List.of(results.resolve("jmh-main.json"), results.resolve("jmh-scaling.json")));
        List<Map<String, String>> http = Csv.read(results.resolve("http.csv"));
        List<Map<String, String>> soak = Csv.read(results.resolve("soak.csv"));

        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("machine", readOr(results.resolve("machine.md"), "_No machine description in this run._\n"));
        sections.put("targets", targets(jmh, http));
        sections.put("verify", verifyTables(jmh));
        sections.put("endpoint", endpointTable(jmh));
        sections.put("http", httpTable(http));
        sections.put("scaling", scalingTable(jmh));
        sections.put("soak", soakTable(soak));

        String text = Files.readString(markdown, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> section : sections.entrySet()) {
            text = replace(text, section.getKey(), section.getValue());
        }
        Files.writeString(markdown, text, StandardCharsets.UTF_8);
        renderChart(jmh, chart);
        System.out.println("updated " + markdown + " and " + chart);
    }

    // ---- targets ----

    static String targets(JmhResults jmh, List<Map<String, String>> http) {
        StringBuilder md = new StringBuilder();
        md.append("| target | measured | |\n|---|---|---|\n");
        speedup(md, jmh, "Standard Webhooks, 1 KiB: Hookline ≥ 1.5× as fast as the fastest peer", HOOKLINE_SW,
                List.of(LIB_SW, LIB_SVIX));
        speedup(md, jmh, "Stripe, 1 KiB: Hookline ≥ 1.5× as fast as stripe-java", HOOKLINE_STRIPE, List.of(LIB_STRIPE));
        overhead(md, jmh, "Standard Webhooks, 1 KiB: time ≤ 1.25× raw HMAC", HOOKLINE_SW, RAW_SW, KIB, SMALL_BODY_OVERHEAD);
        overhead(md, jmh, "Stripe, 1 KiB: time ≤ 1.25× raw HMAC", HOOKLINE_STRIPE, RAW_STRIPE, KIB, SMALL_BODY_OVERHEAD);
        overhead(md, jmh, "Standard Webhooks, 64 KiB: time ≤ 1.1× raw HMAC", HOOKLINE_SW, RAW_SW, 64 * KIB,
                LARGE_BODY_OVERHEAD);
        overhead(md, jmh, "Stripe, 64 KiB: time ≤ 1.1× raw HMAC", HOOKLINE_STRIPE, RAW_STRIPE, 64 * KIB,
                LARGE_BODY_OVERHEAD);
        allocation(md, jmh, "Standard Webhooks: allocation per verification small and independent of the body",
                HOOKLINE_SW, RAW_SW);
        allocation(md, jmh, "Stripe: allocation per verification small and independent of the body", HOOKLINE_STRIPE,
                RAW_STRIPE);
        for (String connections : distinct(http, "connections")) {
            Map<String, String> hookline = find(http, "hookline", connections);
            Map<String, String> bare = find(http, "bare", connections);
            String target = "HTTP, " + connections + " connections: Hookline ≥ 85 % of bare Jetty's requests/s";
            if (hookline == null || bare == null) {
                md.append("| ").append(target).append(" | not run | |\n");
                continue;
            }
            double share = Double.parseDouble(hookline.get("rps")) / Double.parseDouble(bare.get("rps"));
            md.append("| ").append(target).append(" | ").append(percent(share)).append(" (")
                    .append(fmt0(Double.parseDouble(hookline.get("rps")))).append(" vs ")
                    .append(fmt0(Double.parseDouble(bare.get("rps")))).append(" req/s) | ")
                    .append(mark(share >= HTTP_SHARE)).append(" |\n");
        }
        return md.toString();
    }

    private static void speedup(StringBuilder md, JmhResults jmh, String target, String hookline, List<String> peers) {
        JmhResults.Score ours = jmh.get(hookline, KIB);
        String fastest = null;
        double fastestNanos = Double.MAX_VALUE;
        for (String peer : peers) {
            JmhResults.Score score = jmh.get(peer, KIB);
            if (score != null && score.nanos() < fastestNanos) {
                fastest = peer;
                fastestNanos = score.nanos();
            }
        }
        if (ours == null || fastest == null) {
            md.append("| ").append(target).append(" | not run | |\n");
            return;
        }
        double ratio = fastestNanos / ours.nanos();
        md.append("| ").append(target).append(" | ").append(fmt2(ratio)).append("× (").append(micros(ours.nanos()))
                .append(" vs ").append(micros(fastestNanos)).append(" µs, ").append(label(fastest)).append(") | ")
                .append(mark(ratio >= PEER_SPEEDUP)).append(" |\n");
    }

    private static void overhead(StringBuilder md, JmhResults jmh, String target, String hookline, String raw, int size,
                                 double limit) {
        JmhResults.Score ours = jmh.get(hookline, size);
        JmhResults.Score floor = jmh.get(raw, size);
        if (ours == null || floor == null) {
            md.append("| ").append(target).append(" | not run | |\n");
            return;
        }
        double ratio = ours.nanos() / floor.nanos();
        md.append("| ").append(target).append(" | ").append(fmt2(ratio)).append("× (").append(micros(ours.nanos()))
                .append(" vs ").append(micros(floor.nanos())).append(" µs) | ").append(mark(ratio <= limit)).append(" |\n");
    }

    private static void allocation(StringBuilder md, JmhResults jmh, String target, String hookline, String raw) {
        List<String> parts = new ArrayList<>();
        JmhResults.Score smallest = null;
        JmhResults.Score largest = null;
        int largestSize = 0;
        for (int size : SCALING_SIZES) {
            JmhResults.Score score = jmh.get(hookline, size);
            if (score == null || Double.isNaN(score.bytesPerOp())) {
                continue;
            }
            parts.add(Chart.sizeLabel(size) + ": " + fmt0(score.bytesPerOp()) + " B");
            if (smallest == null) {
                smallest = score;
            }
            largest = score;
            largestSize = size;
        }
        if (parts.isEmpty()) {
            md.append("| ").append(target).append(" | not run | |\n");
            return;
        }
        double growth = largest.bytesPerOp() - smallest.bytesPerOp();
        JmhResults.Score rawSmall = jmh.get(raw, SCALING_SIZES[0]);
        JmhResults.Score rawLarge = jmh.get(raw, largestSize);
        String floorDrift = rawSmall == null || rawLarge == null ? ""
                : "; the raw floor drifts " + signed(rawLarge.bytesPerOp() - rawSmall.bytesPerOp())
                + " B over the same range, JMH's own allocations spread over fewer operations";
        // constant: under 1 KiB per operation, and growing by under 0.1 % of the added body (a copy would be 100 %)
        boolean flat = smallest.bytesPerOp() <= 1024 && growth <= 1024;
        md.append("| ").append(target).append(" | ").append(String.join(", ", parts)).append(floorDrift)
                .append(" | ").append(mark(flat)).append(" |\n");
    }

    // ---- verification ----

    static String verifyTables(JmhResults jmh) {
        StringBuilder md = new StringBuilder();
        for (int size : TARGET_SIZES) {
            md.append("**").append(Chart.sizeLabel(size)).append(" body**\n\n");
            md.append("| scheme | verifier | µs/op (± 99.9 % CI) | verifications/s | allocated B/op | × raw HMAC time |"
                    + " Hookline's speed-up |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|\n");
            for (Row row : ROWS) {
                JmhResults.Score score = jmh.get(row.method(), size);
                if (score == null) {
                    continue;
                }
                JmhResults.Score floor = jmh.get(row.baseline(), size);
                String hooklineMethod = row.scheme().equals("Stripe") ? HOOKLINE_STRIPE : HOOKLINE_SW;
                JmhResults.Score ours = jmh.get(hooklineMethod, size);
                boolean isPeer = !row.method().equals(hooklineMethod) && !row.method().equals(row.baseline());
                md.append("| ").append(row.scheme()).append(" | ").append(row.label()).append(" | ")
                        .append(withError(score)).append(" | ")
                        .append(fmt0(1e9 / score.nanos())).append(" | ")
                        .append(fmt0(score.bytesPerOp())).append(" | ")
                        .append(floor == null ? "" : fmt2(score.nanos() / floor.nanos()) + "×").append(" | ")
                        .append(isPeer && ours != null ? fmt2(score.nanos() / ours.nanos()) + "×" : "")
                        .append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    // ---- endpoint ----

    static String endpointTable(JmhResults jmh) {
        StringBuilder md = new StringBuilder();
        md.append("| body | µs/op (± 99.9 % CI) | deliveries/s | allocated B/op | of which verification (Hookline Stripe form, µs) |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (int size : SCALING_SIZES) {
            JmhResults.Score score = jmh.get(ENDPOINT, size);
            if (score == null) {
                continue;
            }
            JmhResults.Score verify = jmh.get(HOOKLINE_STRIPE, size);
            md.append("| ").append(Chart.sizeLabel(size)).append(" | ").append(withError(score)).append(" | ").append(fmt0(1e9 / score.nanos())).append(" | ")
                    .append(fmt0(score.bytesPerOp())).append(" | ")
                    .append(verify == null ? "" : micros(verify.nanos())).append(" |\n");
        }
        return md.toString();
    }

    // ---- HTTP ----

    static String httpTable(List<Map<String, String>> http) {
        if (http.isEmpty()) {
            return "_The HTTP runs were not part of this run._\n";
        }
        StringBuilder md = new StringBuilder();
        md.append("| server | connections | requests/s | p50 ms | p90 ms | p99 ms | errors / non-2xx | server outcomes |"
                + " vs bare | vs parse-only |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (String connections : distinct(http, "connections")) {
            Map<String, String> bare = find(http, "bare", connections);
            Map<String, String> parse = find(http, "parse", connections);
            for (String mode : List.of("bare", "parse", "hookline")) {
                Map<String, String> run = find(http, mode, connections);
                if (run == null) {
                    continue;
                }
                double rps = Double.parseDouble(run.get("rps"));
                String outcomes = switch (mode) {
                    case "bare" -> fmt0(Double.parseDouble(run.get("bare"))) + " bodies read";
                    case "parse" -> fmt0(Double.parseDouble(run.get("bare"))) + " items bound";
                    default -> fmt0(Double.parseDouble(run.get("accepted"))) + " accepted, " + run.get("duplicate")
                            + " duplicate, " + (Long.parseLong(run.get("rejected")) + Long.parseLong(run.get("malformed"))
                            + Long.parseLong(run.get("failed"))) + " other";
                };
                String server = switch (mode) {
                    case "bare" -> "bare Jetty servlet (reads the body)";
                    case "parse" -> "parse-only servlet (reads, parses, binds; no verification)";
                    default -> "**Hookline** `WebhookServlet`";
                };
                md.append("| ").append(server).append(" | ").append(connections).append(" | ").append(fmt0(rps))
                        .append(" | ").append(millis(run.get("p50_us"))).append(" | ").append(millis(run.get("p90_us")))
                        .append(" | ").append(millis(run.get("p99_us"))).append(" | ")
                        .append(Long.parseLong(run.get("socket_errors")) + Long.parseLong(run.get("status_errors")))
                        .append(" | ").append(outcomes).append(" | ")
                        .append(!mode.equals("bare") && bare != null ? percent(rps / Double.parseDouble(bare.get("rps"))) : "")
                        .append(" | ")
                        .append(mode.equals("hookline") && parse != null
                                ? percent(rps / Double.parseDouble(parse.get("rps"))) : "")
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    // ---- scaling ----

    static String scalingTable(JmhResults jmh) {
        StringBuilder md = new StringBuilder();
        md.append("Time per operation in µs, by body size. Linear cost means the 1 MiB time is about 4× the 256 KiB "
                + "time, and the cost per KiB settles to a constant.\n\n");
        md.append("| operation |");
        for (int size : SCALING_SIZES) {
            md.append(' ').append(Chart.sizeLabel(size)).append(" |");
        }
        md.append(" ns per KiB, 256 KiB → 1 MiB | 1 MiB ÷ 256 KiB |\n|---|");
        for (int i = 0; i < SCALING_SIZES.length; i++) {
            md.append("---:|");
        }
        md.append("---:|---:|\n");
        List<Row> rows = new ArrayList<>(ROWS);
        rows.add(new Row("", "**Hookline** whole path, `WebhookEndpoint.receive` (Exa)", ENDPOINT, null));
        for (Row row : rows) {
            StringBuilder line = new StringBuilder("| ").append(row.scheme().isEmpty() ? "" : row.scheme() + ": ")
                    .append(row.label()).append(" |");
            boolean any = false;
            for (int size : SCALING_SIZES) {
                JmhResults.Score score = jmh.get(row.method(), size);
                any |= score != null;
                line.append(' ').append(score == null ? "" : micros(score.nanos())).append(" |");
            }
            JmhResults.Score quarter = jmh.get(row.method(), 256 * KIB);
            JmhResults.Score whole = jmh.get(row.method(), 1024 * KIB);
            if (quarter != null && whole != null) {
                line.append(' ').append(fmt0((whole.nanos() - quarter.nanos()) / 768.0)).append(" | ")
                        .append(fmt2(whole.nanos() / quarter.nanos())).append(" |");
            } else {
                line.append(" | |");
            }
            if (any) {
                md.append(line).append('\n');
            }
        }
        md.append("\nAllocated bytes per operation (`gc.alloc.rate.norm`):\n\n| operation |");
        for (int size : SCALING_SIZES) {
            md.append(' ').append(Chart.sizeLabel(size)).append(" |");
        }
        md.append("\n|---|");
        for (int i = 0; i < SCALING_SIZES.length; i++) {
            md.append("---:|");
        }
        md.append('\n');
        for (Row row : rows) {
            StringBuilder line = new StringBuilder("| ").append(row.scheme().isEmpty() ? "" : row.scheme() + ": ")
                    .append(row.label()).append(" |");
            boolean any = false;
            for (int size : SCALING_SIZES) {
                JmhResults.Score score = jmh.get(row.method(), size);
                any |= score != null;
                line.append(' ').append(score == null ? "" : fmt0(score.bytesPerOp())).append(" |");
            }
            if (any) {
                md.append(line).append('\n');
            }
        }
        return md.toString();
    }

    // ---- memory ----

    static String soakTable(List<Map<String, String>> soak) {
        if (soak.isEmpty()) {
            return "_The memory run was not part of this run._\n";
        }
        StringBuilder md = new StringBuilder();
        md.append("| deliveries through the endpoint | heap used after full GC (MiB) | ids the deduplicator remembers |"
                + " elapsed s |\n|---:|---:|---:|---:|\n");
        double plateauMin = Double.MAX_VALUE;
        double plateauMax = 0;
        long bound = 0;
        for (Map<String, String> row : soak) {
            long delivered = Long.parseLong(row.get("deliveries"));
            double mib = Long.parseLong(row.get("heap_after_gc_bytes")) / 1048576.0;
            long remembered = Long.parseLong(row.get("dedup_completed"));
            bound = Math.max(bound, remembered);
            md.append("| ").append(fmt0(delivered)).append(" | ").append(fmt1(mib)).append(" | ")
                    .append(fmt0(remembered)).append(" | ")
                    .append(fmt1(Long.parseLong(row.get("elapsed_ms")) / 1000.0)).append(" |\n");
        }
        for (Map<String, String> row : soak) {
            if (Long.parseLong(row.get("dedup_completed")) == bound && bound > 0) {
                double mib = Long.parseLong(row.get("heap_after_gc_bytes")) / 1048576.0;
                plateauMin = Math.min(plateauMin, mib);
                plateauMax = Math.max(plateauMax, mib);
            }
        }
        if (plateauMax > 0) {
            md.append("\nOnce the deduplicator holds its bound of ").append(fmt0(bound))
                    .append(" ids, the heap after GC stays ")
                    .append(fmt1(plateauMin).equals(fmt1(plateauMax)) ? "at " + fmt1(plateauMin)
                            : "between " + fmt1(plateauMin) + " and " + fmt1(plateauMax))
                    .append(" MiB.\n");
        }
        return md.toString();
    }

    // ---- chart ----

    static void renderChart(JmhResults jmh, Path file) throws IOException {
        if (jmh.isEmpty()) {
            return;
        }
        record Line(String label, String method, String baseline, Color color, boolean dashed, float width) {
        }
        List<Line> lines = List.of(
                new Line("Hookline, Standard Webhooks", HOOKLINE_SW, RAW_SW, new Color(0, 90, 200), false, 3.5f),
                new Line("Hookline, Stripe form", HOOKLINE_STRIPE, RAW_STRIPE, new Color(0, 160, 170), false, 3.5f),
                new Line("standardwebhooks 1.2.0", LIB_SW, RAW_SW, new Color(220, 120, 0), false, 2f),
                new Line("svix 1.99.1", LIB_SVIX, RAW_SW, new Color(200, 30, 60), false, 2f),
                new Line("stripe-java 33.3.0", LIB_STRIPE, RAW_STRIPE, new Color(120, 60, 180), false, 2f),
                new Line("raw JDK HMAC-SHA256 (floor)", RAW_SW, RAW_SW, new Color(90, 90, 90), true, 2f));
        List<Chart.Series> times = new ArrayList<>();
        List<Chart.Series> ratios = new ArrayList<>();
        for (Line line : lines) {
            double[] t = new double[SCALING_SIZES.length];
            double[] r = new double[SCALING_SIZES.length];
            for (int i = 0; i < SCALING_SIZES.length; i++) {
                JmhResults.Score score = jmh.get(line.method(), SCALING_SIZES[i]);
                JmhResults.Score floor = jmh.get(line.baseline(), SCALING_SIZES[i]);
                t[i] = score == null ? Double.NaN : score.nanos() / 1000;
                r[i] = score == null || floor == null ? Double.NaN : score.nanos() / floor.nanos();
            }
            times.add(new Chart.Series(line.label(), SCALING_SIZES, t, line.color(), line.dashed(), line.width()));
            ratios.add(new Chart.Series(line.label(), SCALING_SIZES, r, line.color(), line.dashed(), line.width()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Chart.render(file, "Webhook signature verification: Hookline, peers and the raw JDK floor", times, ratios);
    }

    // ---- helpers ----

    static String replace(String text, String name, String content) {
        String begin = "<!-- BEGIN GENERATED: " + name + " -->";
        String end = "<!-- END GENERATED: " + name + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("BENCHMARKS.md has no section " + name);
        }
        return text.substring(0, from + begin.length()) + "\n" + content + text.substring(to);
    }

    private static String readOr(Path file, String fallback) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : fallback;
    }

    private static List<String> distinct(List<Map<String, String>> rows, String column) {
        List<String> values = new ArrayList<>();
        for (Map<String, String> row : rows) {
            if (!values.contains(row.get(column))) {
                values.add(row.get(column));
            }
        }
        return values;
    }

    private static Map<String, String> find(List<Map<String, String>> rows, String mode, String connections) {
        for (Map<String, String> row : rows) {
            if (row.get("mode").equals(mode) && row.get("connections").equals(connections)) {
                return row;
            }
        }
        return null;
    }

    private static String label(String method) {
        Function<String, String> names = m -> switch (m) {
            case LIB_SW -> "standardwebhooks";
            case LIB_SVIX -> "svix";
            case LIB_STRIPE -> "stripe-java";
            default -> m;
        };
        return names.apply(method);
    }

    private static String mark(boolean met) {
        return met ? "met" : "**missed**";
    }

    static String micros(double nanos) {
        double us = nanos / 1000;
        if (!Double.isFinite(us)) {
            return "?";
        }
        return us >= 100 ? fmt0(us) : us >= 10 ? fmt1(us) : us >= 1 ? fmt2(us) : String.format(Locale.ROOT, "%.3f", us);
    }

    private static String withError(JmhResults.Score score) {
        return Double.isFinite(score.error()) ? micros(score.nanos()) + " ± " + micros(score.error()) : micros(score.nanos());
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "") + fmt0(value);
    }

    private static String millis(String micros) {
        return String.format(Locale.ROOT, "%.2f", Long.parseLong(micros) / 1000.0);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String fmt0(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : "?";
    }

    private static String fmt1(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String fmt2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
