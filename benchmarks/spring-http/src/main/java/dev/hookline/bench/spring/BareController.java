package dev.hookline.bench.spring;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Reads the body and answers 204: the least any receiver does, and the ceiling of the other endpoints. */
@RestController
class BareController {

    private final BenchCounters counters;

    BareController(BenchCounters counters) {
        this.counters = counters;
    }

    @PostMapping("/webhooks/bare")
    ResponseEntity<Void> receive(@RequestBody byte[] body) {
        counters.bare.increment();
        return ResponseEntity.noContent().build();
    }
}
