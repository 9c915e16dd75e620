package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.ENCRATA_SECRET;
import static dev.hookline.spring.TestDeliveries.EXA_NEXT_SECRET;
import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static dev.hookline.spring.TestDeliveries.STANDARD_SECRET;
import static dev.hookline.spring.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.hookline.Outcome;
import dev.hookline.OutcomeObserver;
import dev.hookline.WebhookEndpoint;
import dev.hookline.dedupe.Claim;
import dev.hookline.dedupe.Deduplicator;
import dev.hookline.dedupe.EventKey;
import dev.hookline.dedupe.Lease;
import dev.hookline.event.PayloadFailure;
import dev.hookline.servlet.WebhookServletOptions;
import dev.hookline.signature.SignatureFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.time.Instant;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.util.unit.DataSize;

class HooklineAutoConfigurationTest {

    static final String[] EXA = {
            "hookline.endpoints.exa.path=/webhooks/exa",
            "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET };

    static final String[] ALL_THREE = {
            "hookline.endpoints.exa.path=/webhooks/exa",
            "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET,
            "hookline.endpoints.encrata.path=/webhooks/encrata",
            "hookline.endpoints.encrata.secrets[0]=" + ENCRATA_SECRET,
            "hookline.endpoints.standard.path=/webhooks/standard",
            "hookline.endpoints.standard.secrets[0]=" + STANDARD_SECRET };

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class,
                    HooklineMetricsAutoConfiguration.class));

    private static WebhookEndpoint endpoint(AssertableWebApplicationContext context, String name) {
        return context.getBean(WebhookEndpointRegistry.class).endpoint(name);
    }

    private static WebhookServletOptions servletOptions(AssertableWebApplicationContext context, String name) {
        return context.getBean(WebhookEndpointRegistry.class).definition(name).options();
    }

    @SuppressWarnings("unchecked")
    private static FilterRegistrationBean<Filter> registration(AssertableWebApplicationContext context) {
        return context.getBean(HooklineAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
    }

    @Test
    void isNotActiveOutsideServletWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class,
                        HooklineMetricsAutoConfiguration.class))
                .withPropertyValues(EXA)
                .withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(HooklineProperties.class)
                        .doesNotHaveBean(WebhookEndpointRegistry.class)
                        .doesNotHaveBean(FilterRegistrationBean.class)
                        .doesNotHaveBean(WebhookErrorHandler.class)
                        .doesNotHaveBean(HooklineMetrics.class));
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class,
                        HooklineMetricsAutoConfiguration.class))
                .withPropertyValues(EXA)
                .withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(HooklineProperties.class)
                        .doesNotHaveBean(WebhookEndpointRegistry.class)
                        .doesNotHaveBean(HooklineMetrics.class));
    }

    @Test
    void isSwitchedOffWithHooklineEnabledFalse() {
        runner.withPropertyValues(EXA).withPropertyValues("hookline.enabled=false")
                .withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(WebhookEndpointRegistry.class)
                        .doesNotHaveBean(FilterRegistrationBean.class)
                        .doesNotHaveBean(HooklineMetrics.class));
    }

    @Test
    void withoutEndpointsItIsActiveAndRegistersNothing() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(WebhookEndpointRegistry.class).hasSingleBean(WebhookErrorHandler.class)
                    .hasSingleBean(WebhookListenerProcessor.class);
            assertThat(context.getBean(WebhookEndpointRegistry.class).definitions()).isEmpty();
            assertThat(registration(context).getUrlPatterns()).isEmpty();
            assertThat(registration(context).isEnabled()).as("no pattern must not mean every path").isFalse();
        });
    }

    @Test
    void registersAFilterOnEachEndpointsExactPathJustBeforeSpringSecurity() {
        runner.withPropertyValues(ALL_THREE).run(context -> {
            assertThat(context.getBean(WebhookEndpointRegistry.class).definitions()).extracting(EndpointDefinition::name)
                    .containsExactly("exa", "encrata", "standard");
            FilterRegistrationBean<Filter> registration = registration(context);
            assertThat(registration.getOrder()).isEqualTo(-101);
            assertThat(registration.getFilterName()).isEqualTo("hooklineWebhookFilter");
            assertThat(registration.getUrlPatterns())
                    .containsExactly("/webhooks/exa", "/webhooks/encrata", "/webhooks/standard");
            assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
            assertThat(registration.isAsyncSupported()).as("bodies are read without blocking").isTrue();
            assertThat(registration.isEnabled()).isTrue();
            assertThat(context.getBeansOfType(FilterRegistrationBean.class))
                    .containsOnlyKeys(HooklineAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME);
            assertThat(endpoint(context, "encrata").provider().name()).isEqualTo("encrata");
            assertThat(endpoint(context, "standard").name()).isEqualTo("standard");
        });
    }

    @Test
    void theFilterOrderFollowsSpringSecuritysOrUsesItsOwnProperty() {
        runner.withPropertyValues(EXA).withPropertyValues("spring.security.filter.order=10")
                .run(context -> assertThat(registration(context).getOrder()).isEqualTo(9));
        runner.withPropertyValues(EXA).withPropertyValues("hookline.filter-order=-5000")
                .run(context -> assertThat(registration(context).getOrder()).isEqualTo(-5000));
    }

    @Test
    void backsOffFromEveryBeanTheApplicationDeclares() {
        WebhookErrorHandler errorHandler = outcome -> { };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HooklineMetrics metrics = new HooklineMetrics(registry, 3);
        runner.withPropertyValues(EXA)
                .withBean(SimpleMeterRegistry.class, () -> registry)
                .withBean(WebhookErrorHandler.class, () -> errorHandler)
                .withBean(HooklineMetrics.class, () -> metrics)
                .withUserConfiguration(OwnRegistrations.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(WebhookErrorHandler.class).hasSingleBean(HooklineMetrics.class);
                    assertThat(context.getBean(WebhookErrorHandler.class)).isSameAs(errorHandler);
                    assertThat(context.getBean(HooklineMetrics.class)).isSameAs(metrics);
                    assertThat(registration(context).getOrder()).isEqualTo(42);
                    assertThat(registration(context).getUrlPatterns()).containsExactly("/webhooks/exa");
                });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnRegistrations {
        @org.springframework.context.annotation.Bean(HooklineAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
        FilterRegistrationBean<Filter> ownRegistration(WebhookEndpointRegistry registry) {
            return HooklineAutoConfiguration.filterRegistration(registry, List.of(), 42);
        }
    }

    @Test
    void bindsDurationsDataSizesAndLists() {
        runner.withPropertyValues(EXA).withPropertyValues(
                        "hookline.endpoints.exa.secrets[1]=" + EXA_NEXT_SECRET,
                        "hookline.endpoints.exa.tolerance=2m",
                        "hookline.endpoints.exa.max-event-age=3d",
                        "hookline.endpoints.exa.duplicate-wait=250ms",
                        "hookline.endpoints.exa.retry-after=90",
                        "hookline.endpoints.exa.max-body-size=64KB",
                        "hookline.endpoints.exa.body-read-timeout=750ms",
                        "hookline.endpoints.exa.dedupe.max-entries=10",
                        "hookline.endpoints.exa.dedupe.retention=4d",
                        "hookline.endpoints.exa.handler-timeout=2m",
                        "hookline.metrics.max-event-types=7")
                .run(context -> {
                    HooklineProperties properties = context.getBean(HooklineProperties.class);
                    HooklineProperties.Endpoint exa = properties.getEndpoints().get("exa");
                    assertThat(exa.getSecrets()).containsExactly(EXA_SECRET, EXA_NEXT_SECRET);
                    assertThat(exa.getTolerance()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(exa.getMaxEventAge()).isEqualTo(Duration.ofDays(3));
                    assertThat(exa.getDuplicateWait()).isEqualTo(Duration.ofMillis(250));
                    assertThat(exa.getRetryAfter()).as("a bare number is seconds").isEqualTo(Duration.ofSeconds(90));
                    assertThat(exa.getMaxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
                    assertThat(exa.getDedupe().getMaxEntries()).isEqualTo(10);
                    assertThat(exa.getDedupe().getRetention()).isEqualTo(Duration.ofDays(4));
                    assertThat(exa.getHandlerTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(properties.getMetrics().getMaxEventTypes()).isEqualTo(7);
                    assertThat(servletOptions(context, "exa").maxBodySize()).isEqualTo(65_536);
                    assertThat(servletOptions(context, "exa").retryAfter()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(exa.getBodyReadTimeout()).isEqualTo(Duration.ofMillis(750));
                    assertThat(servletOptions(context, "exa").bodyReadTimeout()).isEqualTo(Duration.ofMillis(750));
                    assertThat(exa.toString()).doesNotContain(EXA_SECRET, EXA_NEXT_SECRET);
                });
    }

    @Test
    void hasDocumentedDefaults() {
        runner.withPropertyValues(EXA).run(context -> {
            HooklineProperties properties = context.getBean(HooklineProperties.class);
            HooklineProperties.Endpoint exa = properties.getEndpoints().get("exa");
            assertThat(properties.isEnabled()).isTrue();
            assertThat(properties.getFilterOrder()).isNull();
            assertThat(exa.isEnabled()).isTrue();
            assertThat(exa.getProvider()).isNull();
            assertThat(exa.getTolerance()).isEqualTo(Duration.ofMinutes(5));
            assertThat(exa.isTimestampCheck()).isTrue();
            assertThat(exa.getMaxEventAge()).as("the provider's own window applies").isNull();
            assertThat(exa.isEventAgeCheck()).isTrue();
            assertThat(exa.getDuplicateWait()).isEqualTo(Duration.ofSeconds(5));
            assertThat(exa.getHandlerTimeout()).isEqualTo(WebhookEndpoint.DEFAULT_HANDLER_TIMEOUT);
            assertThat(exa.getMaxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(exa.getRetryAfter()).isEqualTo(Duration.ofSeconds(10));
            assertThat(exa.getBodyReadTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(exa.getDedupe().isEnabled()).isTrue();
            assertThat(exa.getDedupe().getMaxEntries()).isEqualTo(100_000);
            assertThat(exa.getDedupe().getRetention()).as("24 hours or the replay window, if longer").isNull();
            assertThat(properties.getMetrics().getMaxEventTypes()).isEqualTo(100);
            WebhookServletOptions options = servletOptions(context, "exa");
            assertThat(options.maxBodySize()).isEqualTo(1_048_576);
            assertThat(options.retryAfter()).isEqualTo(Duration.ofSeconds(10));
            assertThat(options.bodyReadTimeout()).isEqualTo(WebhookServletOptions.DEFAULT_BODY_READ_TIMEOUT);
            assertThat(options.logFailures()).as("failures are reported by the WebhookErrorHandler").isFalse();
            assertThat(options.refusalObserver()).as("no metrics without a MeterRegistry").isNull();
            assertThat(context).doesNotHaveBean(HooklineMetrics.class);
        });
    }

    @Test
    void aSecretIsNeverSplitAtCommas() {
        runner.withPropertyValues("hookline.endpoints.exa.path=/webhooks/exa",
                        "hookline.endpoints.exa.secrets=part_one,part_two")
                .run(context -> {
                    assertThat(context.getBean(HooklineProperties.class).getEndpoints().get("exa").getSecrets())
                            .containsExactly("part_one,part_two");
                    byte[] body = TestDeliveries.exaItemCreated("evt_comma", "witem_1");
                    Outcome outcome = endpoint(context, "exa").receive(
                            delivery(body, TestDeliveries.signExa(body, "part_one,part_two", Instant.now())));
                    assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
                });
    }

    @Test
    void everyConfiguredSecretIsAcceptedForRotation() {
        runner.withPropertyValues(EXA).withPropertyValues("hookline.endpoints.exa.secrets[1]=" + EXA_NEXT_SECRET)
                .run(context -> {
                    WebhookEndpoint exa = endpoint(context, "exa");
                    byte[] first = TestDeliveries.exaItemCreated("evt_old_key", "witem_1");
                    byte[] second = TestDeliveries.exaItemCreated("evt_new_key", "witem_2");
                    byte[] third = TestDeliveries.exaItemCreated("evt_no_key", "witem_3");
                    Instant now = Instant.now();

                    assertThat(exa.receive(delivery(first, TestDeliveries.signExa(first, EXA_SECRET, now))).status())
                            .isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(exa.receive(delivery(second, TestDeliveries.signExa(second, EXA_NEXT_SECRET, now)))
                            .status()).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(exa.receive(delivery(third, TestDeliveries.signExa(third, "exa_revoked_secret", now)))
                            .reason()).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
                });
    }

    @Test
    void theToleranceAppliesUnlessTheTimestampCheckIsOff() {
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        byte[] body = TestDeliveries.exaItemCreated("evt_late", "witem_1");
        Map<String, String> lateSignature = TestDeliveries.signExa(body, EXA_SECRET, tenMinutesAgo);
        runner.withPropertyValues(EXA).run(context -> assertThat(endpoint(context, "exa")
                .receive(delivery(body, lateSignature)).reason()).isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE));
        runner.withPropertyValues(EXA).withPropertyValues("hookline.endpoints.exa.tolerance=15m")
                .run(context -> assertThat(endpoint(context, "exa").receive(delivery(body, lateSignature)).status())
                        .isEqualTo(Outcome.Status.ACCEPTED));
        runner.withPropertyValues(EXA).withPropertyValues("hookline.endpoints.exa.timestamp-check=false")
                .run(context -> assertThat(endpoint(context, "exa").receive(delivery(body, lateSignature)).status())
                        .isEqualTo(Outcome.Status.ACCEPTED));
    }

    @Test
    void maxEventAgeRefusesOldEventsFromSendersThatSignNoTimestamp() {
        runner.withPropertyValues(ALL_THREE).withPropertyValues("hookline.endpoints.encrata.max-event-age=1h")
                .run(context -> {
                    WebhookEndpoint encrata = endpoint(context, "encrata");
                    byte[] fresh = TestDeliveries.encrataLookup("a@example.com", "lu_1", Instant.now());
                    byte[] stale = TestDeliveries.encrataLookup("b@example.com", "lu_2",
                            Instant.now().minus(Duration.ofHours(2)));

                    assertThat(encrata.receive(delivery(fresh, TestDeliveries.signEncrata(fresh))).status())
                            .isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(encrata.receive(delivery(stale, TestDeliveries.signEncrata(stale))).reason())
                            .isEqualTo(PayloadFailure.EVENT_TIME_OUTSIDE_TOLERANCE);
                });
    }

    @Test
    void deduplicationFollowsItsLimitsAndCanBeSwitchedOff() {
        runner.withPropertyValues(EXA).withPropertyValues("hookline.endpoints.exa.dedupe.max-entries=1")
                .run(context -> {
                    WebhookEndpoint exa = endpoint(context, "exa");
                    byte[] first = TestDeliveries.exaItemCreated("evt_first", "witem_1");
                    byte[] second = TestDeliveries.exaItemCreated("evt_second", "witem_2");

                    assertThat(receive(exa, first)).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(receive(exa, first)).isEqualTo(Outcome.Status.DUPLICATE);
                    assertThat(receive(exa, second)).as("one entry, still replayable: nothing is forgotten")
                            .isEqualTo(Outcome.Status.FAILED);
                    assertThat(receive(exa, first)).isEqualTo(Outcome.Status.DUPLICATE);
                });
        runner.withPropertyValues(EXA).withPropertyValues("hookline.endpoints.exa.dedupe.enabled=false")
                .run(context -> {
                    WebhookEndpoint exa = endpoint(context, "exa");
                    byte[] body = TestDeliveries.exaItemCreated("evt_again", "witem_1");

                    assertThat(receive(exa, body)).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(receive(exa, body)).isEqualTo(Outcome.Status.ACCEPTED);
                });
    }

    @Test
    void aDeduplicatorBeanIsUsedByName() {
        List<EventKey> claimed = new CopyOnWriteArrayList<>();
        Deduplicator recording = new Deduplicator() {
            @Override
            public Claim claim(EventKey key, Duration lease) {
                claimed.add(key);
                return Claim.acquired(new Lease(key, "only", Instant.MAX));
            }

            @Override
            public boolean complete(Lease lease, Instant keepUntil) {
                return true;
            }

            @Override
            public boolean release(Lease lease) {
                return true;
            }
        };
        runner.withPropertyValues(EXA).withPropertyValues("hookline.endpoints.exa.dedupe.deduplicator=sharedStore")
                .withBean("sharedStore", Deduplicator.class, () -> recording)
                .run(context -> {
                    byte[] body = TestDeliveries.exaItemCreated("evt_shared", "witem_1");
                    assertThat(receive(endpoint(context, "exa"), body)).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(claimed).containsExactly(new EventKey("exa", "evt_shared"));
                });
    }

    @Test
    void aDisabledEndpointIsNeitherCheckedNorRegistered() {
        runner.withPropertyValues(EXA).withPropertyValues("hookline.endpoints.later.enabled=false",
                        "hookline.endpoints.later.provider=nothing-by-that-name")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WebhookEndpointRegistry.class).definitions())
                            .extracting(EndpointDefinition::name).containsExactly("exa");
                });
    }

    @Test
    void outcomeListenerBeansSeeEveryOutcomeAndTheErrorHandlerOnlyFailures() {
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        List<Outcome> failures = new CopyOnWriteArrayList<>();
        runner.withPropertyValues(EXA)
                .withBean(OutcomeObserver.class, () -> outcomes::add)
                .withBean(WebhookErrorHandler.class, () -> failures::add)
                .withBean(WebhookEndpointCustomizer.class, () -> (name, builder) -> builder.on("webset.deleted", e -> {
                    throw new IllegalStateException("downstream unavailable");
                }))
                .run(context -> {
                    WebhookEndpoint exa = endpoint(context, "exa");
                    byte[] fine = TestDeliveries.exaItemCreated("evt_fine", "witem_1");
                    byte[] failing = TestDeliveries.exa("evt_failing", "webset.deleted", "{\"id\":\"webset_1\"}");

                    assertThat(receive(exa, fine)).isEqualTo(Outcome.Status.ACCEPTED);
                    assertThat(receive(exa, failing)).isEqualTo(Outcome.Status.FAILED);

                    assertThat(outcomes).extracting(Outcome::eventId).containsExactly("evt_fine", "evt_failing");
                    assertThat(failures).singleElement().satisfies(failure -> {
                        assertThat(failure.endpoint()).isEqualTo("exa");
                        assertThat(failure.eventType()).isEqualTo("webset.deleted");
                        assertThat(failure.eventId()).isEqualTo("evt_failing");
                        assertThat(failure.failure()).isInstanceOf(IllegalStateException.class)
                                .hasMessage("downstream unavailable");
                    });
                });
    }

    @Test
    void customizersSeeEveryEndpointByName() {
        List<String> customized = new ArrayList<>();
        runner.withPropertyValues(ALL_THREE)
                .withBean(WebhookEndpointCustomizer.class, () -> (name, builder) -> customized.add(name))
                .run(context -> assertThat(customized).containsExactly("exa", "encrata", "standard"));
    }

    @Test
    void metricsAreSetUpWhenThereIsAMeterRegistry() {
        runner.withPropertyValues(EXA).withBean(SimpleMeterRegistry.class).run(context -> {
            assertThat(context).hasSingleBean(HooklineMetrics.class);
            WebhookRequestFilter filter = (WebhookRequestFilter) registration(context).getFilter();
            assertThat(filter.filter("exa").options().refusalObserver()).as("refusals are counted too").isNotNull();
            byte[] body = TestDeliveries.exaItemCreated("evt_counted", "witem_1");
            receive(endpoint(context, "exa"), body);
            assertThat(context.getBean(SimpleMeterRegistry.class).get(HooklineMetrics.DELIVERIES)
                    .tags("endpoint", "exa", "type", "webset.item.created", "outcome", "accepted", "reason", "none")
                    .counter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void anUnknownEndpointNameIsRefusedByTheRegistry() {
        runner.withPropertyValues(EXA).run(context -> {
            WebhookEndpointRegistry endpoints = context.getBean(WebhookEndpointRegistry.class);
            assertThat(endpoints.definition("exa").path()).isEqualTo("/webhooks/exa");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> endpoints.endpoint("missing"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No webhook endpoint named 'missing'; defined: [exa]");
        });
    }

    private static Outcome.Status receive(WebhookEndpoint endpoint, byte[] exaBody) {
        return endpoint.receive(delivery(exaBody, TestDeliveries.signExa(exaBody))).status();
    }
}
