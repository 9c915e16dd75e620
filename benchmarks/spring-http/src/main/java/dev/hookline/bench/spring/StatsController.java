package dev.hookline.bench.spring;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /stats}: the counts of {@link BenchCounters#snapshot()}, so the runner can check every request was handled. */
@RestController
class StatsController {

    private final BenchCounters counters;

    StatsController(BenchCounters counters) {
        this.counters = counters;
    }

    @GetMapping("/stats")
    Map<String, Long> stats() {
        return counters.snapshot();
    }
}
