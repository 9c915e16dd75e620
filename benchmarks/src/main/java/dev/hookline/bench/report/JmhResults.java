package dev.hookline.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scores of JMH's JSON result files, by benchmark method and body size. */
final class JmhResults {

    /** One benchmark at one size. */
    record Score(double nanos, double error, double bytesPerOp, double bytesError) {
    }

    private final Map<String, Score> scores = new HashMap<>();

    static JmhResults read(List<Path> files) throws IOException {
        JmhResults results = new JmhResults();
        JsonMapper json = JsonMapper.builder().build();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            for (JsonNode run : json.readTree(file.toFile())) {
                String benchmark = run.get("benchmark").stringValue();
                String method = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
                int size = Integer.parseInt(run.get("params").get("size").stringValue());
                JsonNode primary = run.get("primaryMetric");
                double factor = toNanos(primary.get("scoreUnit").stringValue());
                JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
                results.scores.put(key(method, size), new Score(
                        primary.get("score").doubleValue() * factor,
                        finite(primary.get("scoreError").asDouble(Double.NaN)) * factor,
                        alloc.isMissingNode() ? Double.NaN : alloc.get("score").doubleValue(),
                        alloc.isMissingNode() ? Double.NaN : finite(alloc.get("scoreError").asDouble(Double.NaN))));
            }
        }
        return results;
    }

    /** The score of {@code Class.method} at {@code size}, or null if it was not run. */
    Score get(String method, int size) {
        return scores.get(key(method, size));
    }

    OptionalDouble nanos(String method, int size) {
        Score score = get(method, size);
        return score == null ? OptionalDouble.empty() : OptionalDouble.of(score.nanos());
    }

    boolean isEmpty() {
        return scores.isEmpty();
    }

    private static String key(String method, int size) {
        return method + "@" + size;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : Double.NaN;
    }

    private static double toNanos(String unit) {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalArgumentException("unexpected unit " + unit);
        };
    }
}
