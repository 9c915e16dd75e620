package dev.hookline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The paired runner measures both sides of the pair it names, and says what it measured. */
class PairedRunTest {

    /** Small rings, so that setting up takes milliseconds: the times mean nothing here. */
    private static final int RING = 64;

    @Test
    void eachPairGivesATimeToEachSideAndTheirRatio() throws Exception {
        PairedRun.Result result = PairedRun.of("hookline", "1024", RING).run(6, TimeUnit.MILLISECONDS.toNanos(2), 0);

        assertThat(result.subject()).hasSize(6).isSorted();
        assertThat(result.floor()).hasSize(6).isSorted();
        assertThat(result.ratios()).hasSize(6).isSorted();
        // sorted, so the least of each is its first
        assertThat(result.subject()[0]).isPositive();
        assertThat(result.floor()[0]).isPositive();
        assertThat(result.ratios()[0]).isPositive();
        assertThat(result.line("hookline", "1024"))
                .startsWith("pair=hookline body=1024 pairs=6: hookline median ")
                .contains(", floor median ", ", ratio median ");
    }

    @Test
    void theAcceptStagePairRunsOnTheStoredFixture() throws Exception {
        PairedRun.Result result = PairedRun.of("accept", WholePathBenchmark.FIXTURE, RING)
                .run(2, TimeUnit.MILLISECONDS.toNanos(2), 0);

        assertThat(result.subject()).hasSize(2);
        assertThat(result.subject()[0]).isPositive();
        assertThat(result.floor()[0]).isPositive();
        assertThat(result.ratios()).hasSize(2);
    }

    @Test
    void anUnknownPairOrARunOfNoSlicesIsRefused() throws Exception {
        // refused before the setup, which would fail on this body
        assertThatThrownBy(() -> PairedRun.of("floor", "no size", RING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--pair is hookline or accept, not floor");
        PairedRun run = PairedRun.of("hookline", "1024", RING);
        assertThatThrownBy(() -> run.run(0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one pair of slices of some time, and no negative warm-up");
        assertThatThrownBy(() -> run.run(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run.run(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQuantileIsTheNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5};

        assertThat(PairedRun.Result.at(sorted, 0.5)).isEqualTo(3);
        assertThat(PairedRun.Result.at(sorted, 0.1)).isEqualTo(1);
        assertThat(PairedRun.Result.at(sorted, 0.25)).isEqualTo(2);
        assertThat(PairedRun.Result.at(sorted, 1)).isEqualTo(5);
    }
}
