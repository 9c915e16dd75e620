package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.ENCRATA_SECRET;
import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.providers.ExaClient;
import dev.hookline.providers.InMemoryPositionStore;
import dev.hookline.providers.PositionStore;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code hookline.endpoints.<name>.backfill.*}: what a correct configuration sets up, and how each mistake stops
 * start-up naming the property, never the API key. No run reaches Exa: the interval is long and nothing starts.
 */
class BackfillConfigurationTest {

    private static final String API_KEY = "exa-api-key-7d1f0b";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class,
                    HooklineBackfillAutoConfiguration.class))
            .withPropertyValues(
                    "hookline.endpoints.exa.path=/webhooks/exa",
                    "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET,
                    "hookline.endpoints.exa.backfill.enabled=true",
                    "hookline.endpoints.exa.backfill.api-key=" + API_KEY,
                    "hookline.endpoints.exa.backfill.api-url=http://127.0.0.1:1/websets");

    private static void assertFails(WebApplicationContextRunner runner, String message, String action) {
        StartupFailures.assertFails(runner, message, action, API_KEY);
    }

    @Test
    void anExaEndpointGetsItsBackfillWithTheSettingsGivenAndPositionsInMemoryWithoutAStore() {
        runner.withPropertyValues("hookline.endpoints.exa.backfill.interval=90s",
                "hookline.endpoints.exa.backfill.look-back=6h",
                "hookline.endpoints.exa.backfill.types[0]=webset.item.created",
                "hookline.endpoints.exa.backfill.types[1]=webset.idle").run(context -> {
            assertThat(context).hasNotFailed();
            BackfillScheduler scheduler = context.getBean(BackfillScheduler.class);
            assertThat(scheduler.jobs()).singleElement().satisfies(job -> {
                assertThat(job.endpoint()).isEqualTo("exa");
                assertThat(job.interval()).isEqualTo(Duration.ofSeconds(90));
                assertThat(job.lookBack()).isEqualTo(Duration.ofHours(6));
                assertThat(job.types()).containsExactly("webset.item.created", "webset.idle");
                assertThat(job.exa().baseUrl()).hasToString("http://127.0.0.1:1/websets");
            });
            assertThat(scheduler.toString()).isEqualTo("BackfillScheduler[[exa], InMemoryPositionStore[0 endpoint(s)]]")
                    .doesNotContain(API_KEY);
        });
    }

    @Test
    void aPositionStoreBeanOfTheApplicationKeepsThePositions() {
        PositionStore own = new InMemoryPositionStore();
        runner.withBean(PositionStore.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BackfillScheduler.class).toString()).endsWith(", " + own + "]");
        });
    }

    @Test
    void withoutBackfillNothingIsScheduled() {
        runner.withPropertyValues("hookline.endpoints.exa.backfill.enabled=false",
                "hookline.endpoints.exa.backfill.interval=0s").run(context -> {
            assertThat(context).hasNotFailed();
            BackfillScheduler scheduler = context.getBean(BackfillScheduler.class);
            assertThat(scheduler.jobs()).isEmpty();
            assertThat(scheduler.isRunning()).isFalse();
        });
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("a non-Exa endpoint", List.of(
                                "hookline.endpoints.billing.provider=encrata",
                                "hookline.endpoints.billing.path=/webhooks/billing",
                                "hookline.endpoints.billing.secrets[0]=" + ENCRATA_SECRET,
                                "hookline.endpoints.billing.backfill.enabled=true",
                                "hookline.endpoints.billing.backfill.api-key=" + API_KEY),
                        "hookline.endpoints.billing.backfill.enabled is true, but the endpoint receives from 'encrata': "
                                + "only Exa has an events API to backfill from",
                        "Set it on an endpoint whose provider is exa, or remove hookline.endpoints.billing.backfill.*."),
                mistake("no interval", List.of("hookline.endpoints.exa.backfill.interval=0s"),
                        "hookline.endpoints.exa.backfill.interval is PT0S; it must be positive",
                        "Set the time between two runs, such as 5m."),
                mistake("a negative look-back", List.of("hookline.endpoints.exa.backfill.look-back=-1h"),
                        "hookline.endpoints.exa.backfill.look-back is PT-1H; it must be positive",
                        "Set how far back the first run starts, such as 1d."),
                mistake("no API key", List.of("hookline.endpoints.exa.backfill.api-key="),
                        "hookline.endpoints.exa.backfill.api-key is not set",
                        "Set hookline.endpoints.exa.backfill.api-key to the Exa API key, for instance ${EXA_API_KEY}."),
                mistake("an unresolved API key",
                        List.of("hookline.endpoints.exa.backfill.api-key=${HOOKLINE_TEST_UNSET_KEY}"),
                        "hookline.endpoints.exa.backfill.api-key refers to HOOKLINE_TEST_UNSET_KEY, which is not set",
                        "Set the environment variable HOOKLINE_TEST_UNSET_KEY (or a property of that name) to the Exa "
                                + "API key."),
                mistake("an API key a header cannot carry",
                        List.of("hookline.endpoints.exa.backfill.api-key=" + API_KEY + " x"),
                        "hookline.endpoints.exa.backfill.api-key is not valid: The API key holds characters that "
                                + "cannot be sent in a header",
                        "Copy the Exa API key exactly as the dashboard issued it, without surrounding whitespace."),
                mistake("an API URL that is not http(s)",
                        List.of("hookline.endpoints.exa.backfill.api-url=ftp://exa.example/websets"),
                        "hookline.endpoints.exa.backfill.api-url is not valid: The base URL must be an absolute "
                                + "http:// or https:// URL without query, fragment or credentials, was "
                                + "'ftp://exa.example/websets'",
                        "Set the base URL of Exa's Websets API, such as " + ExaClient.DEFAULT_BASE_URL + "."),
                mistake("a blank type", List.of("hookline.endpoints.exa.backfill.types[0]=webset.idle",
                                "hookline.endpoints.exa.backfill.types[1]= "),
                        "hookline.endpoints.exa.backfill.types[1] is blank",
                        "Name an event type, such as webset.item.created, or remove it for every type."),
                mistake("an inbox endpoint", List.of("hookline.endpoints.exa.mode=inbox"),
                        "hookline.endpoints.exa.backfill.enabled is true, but hookline.endpoints.exa.mode is inbox: a "
                                + "backfill dispatches through the endpoint, which in inbox mode does not deduplicate",
                        "Backfill an endpoint in direct mode, with dedupe.store=jdbc to share its deduplication, or "
                                + "remove hookline.endpoints.exa.backfill.*."));
    }

    private static Arguments mistake(String name, List<String> properties, String message, String action) {
        return Arguments.of(name, properties, message, action);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeStopsStartUpNamingThePropertyAndNeverTheKey(String name, List<String> properties, String message,
                                                                String action) {
        assertFails(runner.withPropertyValues(properties.toArray(String[]::new)), message, action);
    }

    @Test
    void withoutHooklineProvidersABackfillStopsStartUp() {
        assertFails(runner.withClassLoader(new FilteredClassLoader(ExaClient.class)),
                "hookline.endpoints.exa.backfill.enabled is true, but hookline-providers is not on the class path",
                "Add dev.hookline:hookline-providers, or remove hookline.endpoints.exa.backfill.*.");
        runner.withClassLoader(new FilteredClassLoader(ExaClient.class))
                .withPropertyValues("hookline.endpoints.exa.backfill.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BackfillScheduler.class));
    }

    @Test
    void typesAreKeptInTheOrderGiven() {
        runner.withPropertyValues("hookline.endpoints.exa.backfill.types=webset.idle,webset.created")
                .run(context -> assertThat(context.getBean(BackfillScheduler.class).jobs().get(0).types())
                        .containsExactly("webset.idle", "webset.created"));
    }
}
