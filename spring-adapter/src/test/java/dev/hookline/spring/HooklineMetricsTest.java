package dev.hookline.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.DeliveryFailure;
import dev.hookline.Outcome;
import dev.hookline.servlet.RequestFailure;
import dev.hookline.signature.SignatureFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HooklineMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static Outcome accepted(String endpoint, String type) {
        return new Outcome(endpoint, Outcome.Status.ACCEPTED, null, "evt_" + type, type, 1, null, Duration.ofMillis(3));
    }

    private double deliveries(String endpoint, String type, String outcome, String reason) {
        return registry.get(HooklineMetrics.DELIVERIES)
                .tags("endpoint", endpoint, "type", type, "outcome", outcome, "reason", reason).counter().count();
    }

    @Test
    void countsOutcomesByEndpointTypeOutcomeAndReasonAndTimesThem() {
        HooklineMetrics metrics = new HooklineMetrics(registry, 100);

        metrics.onOutcome(accepted("exa", "webset.created"));
        metrics.onOutcome(accepted("exa", "webset.created"));
        metrics.onOutcome(new Outcome("exa", Outcome.Status.REJECTED, SignatureFailure.MISSING_SIGNATURE, null, null,
                0, null, Duration.ofMillis(1)));
        metrics.onOutcome(new Outcome("exa", Outcome.Status.FAILED, DeliveryFailure.HANDLER_FAILED, "evt_1",
                "webset.idle", 0, new IllegalStateException(), Duration.ofMillis(5)));
        metrics.onRefusal("exa", RequestFailure.BODY_TOO_LARGE);

        assertThat(deliveries("exa", "webset.created", "accepted", "none")).isEqualTo(2.0);
        assertThat(deliveries("exa", "none", "rejected", "missing_signature")).isEqualTo(1.0);
        assertThat(deliveries("exa", "webset.idle", "failed", "handler_failed")).isEqualTo(1.0);
        assertThat(deliveries("exa", "none", "refused", "body_too_large")).isEqualTo(1.0);
        assertThat(registry.get(HooklineMetrics.HANDLING).tags("endpoint", "exa", "outcome", "accepted").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(registry.find(HooklineMetrics.HANDLING).tag("outcome", "refused").timer())
                .as("refusals never reached an endpoint, so there is nothing to time").isNull();
    }

    @Test
    void tagsAtMostTheConfiguredNumberOfEventTypesPerEndpoint() {
        HooklineMetrics metrics = new HooklineMetrics(registry, 2);

        metrics.onOutcome(accepted("standard", "a"));
        metrics.onOutcome(accepted("standard", "b"));
        metrics.onOutcome(accepted("standard", "c"));
        metrics.onOutcome(accepted("standard", "d"));
        metrics.onOutcome(accepted("standard", "a"));
        metrics.onOutcome(accepted("other-endpoint", "c"));

        assertThat(deliveries("standard", "a", "accepted", "none")).isEqualTo(2.0);
        assertThat(deliveries("standard", "b", "accepted", "none")).isEqualTo(1.0);
        assertThat(deliveries("standard", "other", "accepted", "none")).isEqualTo(2.0);
        assertThat(deliveries("other-endpoint", "c", "accepted", "none")).as("limits are per endpoint").isEqualTo(1.0);
        assertThat(registry.find(HooklineMetrics.DELIVERIES).tag("type", "c").tag("endpoint", "standard").counter())
                .isNull();
    }

    @Test
    void refusesANegativeLimit() {
        assertThatThrownBy(() -> new HooklineMetrics(registry, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEventTypes must not be negative, was -1");
    }
}
