package dev.hookline.bench.spring;

import dev.hookline.bench.RecyclingDeduplicator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deduplicator Hookline's endpoint names in {@code hookline.endpoints.hookline.dedupe.deduplicator}. */
@Configuration(proxyBeanMethods = false)
class BenchConfiguration {

    /**
     * The in-memory store, bounded to {@code bench.max-entries} and forgetting its oldest event when full: a run
     * sends more distinct events within the five-minute tolerance than any store sized for real traffic holds (see
     * {@link RecyclingDeduplicator}), and memory stays flat however long it runs.
     */
    @Bean
    RecyclingDeduplicator hooklineDeduplicator(@Value("${bench.max-entries}") int maxEntries) {
        return new RecyclingDeduplicator(maxEntries);
    }
}
