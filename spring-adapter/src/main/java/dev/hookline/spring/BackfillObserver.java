package dev.hookline.spring;

import dev.hookline.providers.BackfillResult;

/**
 * Told what each scheduled backfill run ({@code hookline.endpoints.<name>.backfill.*}) did: for metrics, alerts or
 * an audit. Every bean of this type is told, on the backfill's thread; an observer that throws is logged and the
 * others are still told. {@link BackfillMetrics} is one, when Micrometer is in use.
 *
 * <pre>{@code
 * @Bean
 * BackfillObserver backfillAlerts(Alerts alerts) {
 *     return new BackfillObserver() {
 *         @Override
 *         public void onRun(String endpoint, BackfillResult result) {
 *             result.failures().forEach(f -> alerts.raise(endpoint + ": " + f.type() + " " + f.eventId()));
 *         }
 *     };
 * }
 * }</pre>
 */
public interface BackfillObserver {

    /**
     * A run went through the events after the stored position, to the end of its window or, when Exa's API failed
     * past its retries, as far as it got ({@link BackfillResult#stoppedBy()}); the position it reached is stored.
     *
     * @param endpoint the endpoint's name
     * @param result what the run did
     */
    default void onRun(String endpoint, BackfillResult result) {
    }

    /**
     * A run found the endpoint's position held by another run, of another instance sharing the PostgreSQL store,
     * and did nothing.
     *
     * @param endpoint the endpoint's name
     */
    default void onSkip(String endpoint) {
    }

    /**
     * A run failed before it could store a position, such as when the position store's database could not be
     * reached; the next one tries again from the stored position.
     *
     * @param endpoint the endpoint's name
     * @param failure what failed; its message never holds the API key
     */
    default void onFailure(String endpoint, RuntimeException failure) {
    }
}
