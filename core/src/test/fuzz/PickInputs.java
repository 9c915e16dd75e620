import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the few fuzzing inputs worth committing: reads a libFuzzer merge control file (written by
 * {@code -merge=1 -merge_control_file=...}), then repeatedly takes the input that covers the most edges not yet
 * covered (the smaller one on a tie), until {@code count} are taken or none adds an edge, and copies them.
 *
 * <pre>java core/src/test/fuzz/PickInputs.java core/target/merge.txt INPUTS_DIRECTORY 10</pre>
 *
 * <p>Not part of the build: run it with the JDK's single-file launcher.
 */
public final class PickInputs {

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java PickInputs.java CONTROL_FILE DESTINATION COUNT");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        int inputs = Integer.parseInt(lines.get(0).strip());
        List<String> files = lines.subList(2, 2 + inputs);
        Map<Integer, BitSet> coverage = new HashMap<>();
        for (String line : lines.subList(2 + inputs, lines.size())) {
            String[] parts = line.strip().split(" ");
            if (parts.length >= 2 && parts[0].equals("COV")) {
                BitSet edges = new BitSet();
                for (int i = 2; i < parts.length; i++) {
                    edges.set(Integer.parseInt(parts[i]));
                }
                coverage.put(Integer.parseInt(parts[1]), edges);
            }
        }
        BitSet all = new BitSet();
        coverage.values().forEach(all::or);

        Path destination = Files.createDirectories(Path.of(args[1]));
        BitSet covered = new BitSet();
        List<Integer> picked = new ArrayList<>();
        int count = Integer.parseInt(args[2]);
        while (picked.size() < count) {
            int best = -1;
            int bestGain = 0;
            long bestSize = Long.MAX_VALUE;
            for (Map.Entry<Integer, BitSet> entry : coverage.entrySet()) {
                BitSet gain = (BitSet) entry.getValue().clone();
                gain.andNot(covered);
                long size = Files.size(Path.of(files.get(entry.getKey())));
                if (gain.cardinality() > bestGain || gain.cardinality() == bestGain && bestGain > 0 && size < bestSize) {
                    best = entry.getKey();
                    bestGain = gain.cardinality();
                    bestSize = size;
                }
            }
            if (best < 0) {
                break;
            }
            covered.or(coverage.remove(best));
            picked.add(best);
            Path file = Path.of(files.get(best));
            Files.copy(file, destination.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("%d inputs cover %d of %d edges (%.1f%%)%n", picked.size(), covered.cardinality(),
                all.cardinality(), 100.0 * covered.cardinality() / Math.max(1, all.cardinality()));
    }
}
