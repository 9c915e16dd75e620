package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Outcome;
import dev.hookline.event.WebhookEvent;
import dev.hookline.providers.BackfillResult;
import dev.hookline.providers.EventPosition;
import dev.hookline.providers.FakeExaEvents;
import dev.hookline.providers.FakeProviderServer;
import dev.hookline.routing.WebhookListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * A scheduled backfill in a Spring application, against Exa's events API in the test's process: the first run, at
 * start-up, asks for the look-back before now; the next go on from the position the last reached; events already
 * delivered are duplicates, a failed listener is counted and retried by the next run, a failed API call is counted
 * as a failed run; and the scheduler stops with the application.
 */
class BackfillApplicationTest {

    private static final String API_KEY = "exa-api-key-for-the-fake-server";
    private static final Duration LOOK_BACK = Duration.ofHours(1);

    private FakeProviderServer server;
    private FakeExaEvents events;
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(30));

    /** The application's listener: records every event, and fails those it is told to. */
    static final class Listener {
        final List<String> handled = new CopyOnWriteArrayList<>();
        final Set<String> failing = new java.util.concurrent.CopyOnWriteArraySet<>();

        @WebhookListener(value = "*", endpoint = "exa")
        void on(WebhookEvent event) {
            if (failing.contains(event.id())) {
                throw new IllegalStateException("the listener failed");
            }
            handled.add(event.id());
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
        events = new FakeExaEvents(server, "/websets");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FakeExaEvents.Stored add(int minute) {
        return events.add("event_%02d".formatted(minute), "webset.idle", base.plus(Duration.ofMinutes(minute)));
    }

    private WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class,
                        HooklineBackfillAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(Listener.class, Listener::new)
                .withPropertyValues(
                        "hookline.endpoints.exa.path=/webhooks/exa",
                        "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET,
                        "hookline.endpoints.exa.backfill.enabled=true",
                        "hookline.endpoints.exa.backfill.api-key=" + API_KEY,
                        "hookline.endpoints.exa.backfill.api-url=" + server.url() + "/websets",
                        "hookline.endpoints.exa.backfill.interval=1h", // only the first runs by itself
                        "hookline.endpoints.exa.backfill.look-back=1h");
    }

    private static double count(MeterRegistry registry, String name, String tag, String value) {
        var counter = registry.find(name).tags("endpoint", "exa", tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private FakeProviderServer.Request lastRequest() {
        List<FakeProviderServer.Request> all = server.requests();
        return all.get(all.size() - 1);
    }

    @Test
    void runsAtStartUpFromTheLookBackThenFromThePositionReachedCountingWhatItRecovered() throws Exception {
        add(0);
        add(1);
        FakeExaEvents.Stored lastOfFirstRun = add(2);
        Instant beforeStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        runner().run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Listener listener = context.getBean(Listener.class);
            BackfillScheduler scheduler = context.getBean(BackfillScheduler.class);
            waitFor(() -> count(registry, BackfillMetrics.RUNS, "outcome", "completed") == 1, "the first run");
            Instant afterStart = Instant.now();

            // the first run: the hour before the time it started, up to that time
            FakeProviderServer.Request first = server.onlyRequest();
            assertThat(first.header("x-api-key")).isEqualTo(API_KEY);
            Instant createdBefore = Instant.parse(first.queryFirst("createdBefore"));
            assertThat(Instant.parse(first.queryFirst("createdAfter"))).isEqualTo(createdBefore.minus(LOOK_BACK));
            assertThat(createdBefore).isBetween(beforeStart, afterStart);
            assertThat(listener.handled).containsExactly("event_00", "event_01", "event_02");
            assertThat(count(registry, BackfillMetrics.EVENTS, "result", "handled")).isEqualTo(3);

            // one delivered meanwhile, one whose listener fails, one missed
            FakeExaEvents.Stored delivered = add(3);
            byte[] body = delivered.json().getBytes(StandardCharsets.UTF_8);
            assertThat(context.getBean(WebhookEndpointRegistry.class).endpoint("exa")
                    .receive(TestDeliveries.delivery(body, TestDeliveries.signExa(body))).status())
                    .isEqualTo(Outcome.Status.ACCEPTED);
            add(4);
            add(5);
            listener.failing.add("event_04");
            BackfillScheduler.Job job = scheduler.jobs().get(0);

            Optional<BackfillResult> second = scheduler.run(job);

            assertThat(Instant.parse(lastRequest().queryFirst("createdAfter"))).isEqualTo(lastOfFirstRun.createdAt());
            assertThat(second).get().satisfies(result -> {
                assertThat(result.handled()).isEqualTo(1);
                assertThat(result.duplicate()).isEqualTo(1);
                assertThat(result.failed()).isEqualTo(1);
                assertThat(result.position()).isEqualTo(EventPosition.after(delivered.createdAt(), "event_03"));
            });
            assertThat(listener.handled).containsExactly("event_00", "event_01", "event_02", "event_03", "event_05");

            // the failed event again, from just before it
            listener.failing.clear();
            scheduler.run(job);

            assertThat(Instant.parse(lastRequest().queryFirst("createdAfter"))).isEqualTo(delivered.createdAt());
            assertThat(listener.handled).endsWith("event_05", "event_04");
            assertThat(count(registry, BackfillMetrics.EVENTS, "result", "handled")).isEqualTo(5);
            assertThat(count(registry, BackfillMetrics.EVENTS, "result", "duplicate")).isEqualTo(2);
            assertThat(count(registry, BackfillMetrics.EVENTS, "result", "failed")).isEqualTo(1);
            assertThat(count(registry, BackfillMetrics.RUNS, "outcome", "completed")).isEqualTo(3);
            assertThat(count(registry, BackfillMetrics.RUNS, "outcome", "failed")).isZero();

            context.close();
            assertThat(scheduler.isRunning()).isFalse();
        });
    }

    @Test
    void aFailedApiCallIsAFailedRunAndTheNextGoesOnFromTheSamePosition() throws Exception {
        FakeExaEvents.Stored only = add(0);

        runner().run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            BackfillScheduler scheduler = context.getBean(BackfillScheduler.class);
            waitFor(() -> count(registry, BackfillMetrics.RUNS, "outcome", "completed") == 1, "the first run");
            server.enqueue("GET", "/websets/v0/events",
                    FakeProviderServer.Response.json(401, "{\"message\":\"Invalid API key\"}"));

            Optional<BackfillResult> failed = scheduler.run(scheduler.jobs().get(0));

            assertThat(failed).get().satisfies(result -> {
                assertThat(result.stoppedBy()).isPresent();
                assertThat(result.position()).isEqualTo(EventPosition.after(only.createdAt(), "event_00"));
            });
            assertThat(count(registry, BackfillMetrics.RUNS, "outcome", "failed")).isEqualTo(1);

            scheduler.run(scheduler.jobs().get(0));
            assertThat(Instant.parse(lastRequest().queryFirst("createdAfter"))).isEqualTo(only.createdAt());
            assertThat(count(registry, BackfillMetrics.RUNS, "outcome", "completed")).isEqualTo(2);
            assertThat(count(registry, BackfillMetrics.EVENTS, "result", "handled")).isEqualTo(1);
        });
    }
}
