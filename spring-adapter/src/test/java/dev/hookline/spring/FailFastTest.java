package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.ENCRATA_SECRET;
import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dedupe.Deduplicator;
import dev.hookline.event.WebhookEvent;
import dev.hookline.exa.MonitorRun;
import dev.hookline.routing.WebhookListener;
import dev.hookline.signature.SignatureSchemes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Every mistake stops the application at start-up, naming the property or method, and never a secret. */
class FailFastTest {

    private static final String STANDARD_INVALID_SECRET = "whsec_not*base64*secret";
    private static final String SPACED_SECRET = EXA_SECRET + "\n";

    private static final List<String> SECRETS = List.of(EXA_SECRET, ENCRATA_SECRET, STANDARD_INVALID_SECRET,
            EXA_SECRET.substring(4), "not*base64");

    private static final String SECRETS_ACTION = "Set hookline.endpoints.exa.secrets[0] to the signing secret the "
            + "sender issued, for instance from an environment variable; while rotating, add the new one as "
            + "hookline.endpoints.exa.secrets[1].";

    private static final String PROVIDER_ACTION_X = "Set hookline.endpoints.x.provider to exa, encrata, standard, svix, stripe or github, "
            + "or to the name of a Provider bean (or of a SignatureScheme bean, with hookline.endpoints.x.envelope.* "
            + "settings).";

    private static final String PATH_ACTION = "Give an exact path that starts with '/', such as /webhooks/exa; "
            + "wildcards, '?', '#', ';', '%', '\\', whitespace, empty segments and '.' or '..' segments are not allowed.";

    private static final String LISTENER_ACTION = "Give the method parameters of type WebhookEvent, JsonNode or one "
            + "type its events' data binds to, and return void; if it suits only some endpoints, name one with "
            + "@WebhookListener(endpoint = \"...\").";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class));

    /** The Exa endpoint's properties, with some replaced or removed (a null value removes). */
    private static WebApplicationContextRunner exa(WebApplicationContextRunner runner, String... overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("hookline.endpoints.exa.path", "/webhooks/exa");
        properties.put("hookline.endpoints.exa.secrets[0]", EXA_SECRET);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                properties.remove(overrides[i]);
            } else {
                properties.put(overrides[i], overrides[i + 1]);
            }
        }
        return runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("test", properties)));
    }

    private static void assertFails(WebApplicationContextRunner runner, String message, String action) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            WebhookConfigurationException cause = find(failure);
            assertThat(cause.getMessage()).isEqualTo(message);
            assertThat(cause.action()).isEqualTo(action);
            FailureAnalysis analysis = new WebhookConfigurationFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).isEqualTo(message);
            assertThat(analysis.getAction()).isEqualTo(action);
            for (String secret : SECRETS) {
                assertThat(message + action).doesNotContain(secret);
            }
        });
    }

    private static WebhookConfigurationException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebhookConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no WebhookConfigurationException in " + failure, failure);
    }

    @Test
    void aMissingSecret() {
        assertFails(exa(runner, "hookline.endpoints.exa.secrets[0]", null),
                "hookline.endpoints.exa.secrets is not set", SECRETS_ACTION);
    }

    @Test
    void aSecretFromAnUnsetEnvironmentVariable() {
        assertFails(exa(runner, "hookline.endpoints.exa.secrets[0]", null,
                        "hookline.endpoints.exa.secrets", "${HOOKLINE_TEST_UNSET_VARIABLE:}"),
                "hookline.endpoints.exa.secrets[0] is missing: set it to the signing secret the sender issued",
                SECRETS_ACTION);
    }

    @Test
    void aBlankSecret() {
        assertFails(exa(runner, "hookline.endpoints.exa.secrets[1]", "   "),
                "hookline.endpoints.exa.secrets[1] is blank: set it to the signing secret the sender issued",
                SECRETS_ACTION);
    }

    @Test
    void aSecretWithSurroundingWhitespace() {
        assertFails(exa(runner, "hookline.endpoints.exa.secrets[0]", SPACED_SECRET),
                "hookline.endpoints.exa.secrets[0] has leading or trailing whitespace",
                "Remove the whitespace around the secret, often a line break read from a file or an environment "
                        + "variable.");
    }

    @Test
    void aSecretTheProvidersSchemeCannotUse() {
        assertFails(runner.withPropertyValues("hookline.endpoints.standard.path=/webhooks/standard",
                        "hookline.endpoints.standard.secrets[0]=" + STANDARD_INVALID_SECRET),
                "hookline.endpoints.standard.secrets[0] is not a valid secret for StandardWebhooksScheme: "
                        + "A Standard Webhooks secret must be base64 after 'whsec_' (or none), 'whpk_' or 'whsk_'",
                "Copy the secret exactly as the sender issued it; a key must be at least 16 bytes long.");
    }

    @Test
    void aSecretTooShortToResistGuessing() {
        assertFails(exa(runner, "hookline.endpoints.exa.secrets[0]", "s3cret"),
                "hookline.endpoints.exa.secrets[0] is not a valid secret for TimestampedHmacScheme[Exa-Signature]: "
                        + "the key is 6 bytes long; at least 16 are required",
                "Copy the secret exactly as the sender issued it; a key must be at least 16 bytes long.");
    }

    @Test
    void aRetentionShorterThanTheReplayWindow() {
        assertFails(runner.withPropertyValues("hookline.endpoints.encrata.path=/webhooks/encrata",
                        "hookline.endpoints.encrata.secrets[0]=whsec_53749f97f61901362b51614eb1a07e74c44b5b98194ed8331a6b9ae914ba80e8",
                        "hookline.endpoints.encrata.dedupe.retention=24h"),
                "hookline.endpoints.encrata.dedupe.retention is PT24H, shorter than the endpoint's replay window of "
                        + "PT72H (hookline.endpoints.encrata.max-event-age): a replayed delivery could be accepted after "
                        + "its event is forgotten",
                "Lengthen hookline.endpoints.encrata.dedupe.retention, shorten hookline.endpoints.encrata.max-event-age, "
                        + "or remove hookline.endpoints.encrata.dedupe.retention to let it follow the window.");
    }

    @Test
    void anUnsignedIdHeaderWithoutTrust() {
        assertFails(runner.withBean("githubScheme", dev.hookline.signature.SignatureScheme.class,
                                dev.hookline.signature.SignatureSchemes::github)
                        .withPropertyValues("hookline.endpoints.github.provider=githubScheme",
                                "hookline.endpoints.github.path=/webhooks/github",
                                "hookline.endpoints.github.secrets[0]=github_webhook_secret_01",
                                "hookline.endpoints.github.envelope.id-header=X-GitHub-Delivery"),
                "hookline.endpoints.github.envelope.id-header or hookline.endpoints.github.envelope.type-header names a "
                        + "header that HexHmacScheme[X-Hub-Signature-256] does not sign: anyone holding one captured "
                        + "delivery could replay it with new values there",
                "Take the id and type from the signed body (id-field, type-field), or set "
                        + "hookline.endpoints.github.envelope.trust-unsigned-headers=true to accept that risk.");
    }

    @Test
    void aHandlerTimeoutOfZero() {
        assertFails(exa(runner, "hookline.endpoints.exa.handler-timeout", "0s"),
                "hookline.endpoints.exa.handler-timeout is PT0S; it must be positive",
                "Set a time the listeners of one delivery may take, such as 30s.");
    }

    @Test
    void anUnknownProvider() {
        assertFails(runner.withPropertyValues("hookline.endpoints.x.provider=paddle", "hookline.endpoints.x.path=/x",
                        "hookline.endpoints.x.secrets[0]=" + EXA_SECRET),
                "hookline.endpoints.x.provider is 'paddle', which is neither a built-in provider (exa, encrata, "
                        + "standard, svix, stripe, github) nor the name of a Provider or SignatureScheme bean",
                PROVIDER_ACTION_X);
    }

    @Test
    void anEndpointNameThatIsNoProviderAndNoProviderSet() {
        assertFails(runner.withPropertyValues("hookline.endpoints.x.path=/x",
                        "hookline.endpoints.x.secrets[0]=" + EXA_SECRET),
                "hookline.endpoints.x.provider is not set, and the endpoint name 'x' is neither a built-in provider "
                        + "(exa, encrata, standard, svix, stripe, github) nor the name of a Provider or SignatureScheme "
                        + "bean",
                PROVIDER_ACTION_X);
    }

    @Test
    void aProviderBeanOfTheWrongType() {
        assertFails(runner.withPropertyValues("hookline.endpoints.x.provider=notAProvider",
                                "hookline.endpoints.x.path=/x", "hookline.endpoints.x.secrets[0]=" + EXA_SECRET)
                        .withBean("notAProvider", StringBuilder.class, StringBuilder::new),
                "hookline.endpoints.x.provider names bean 'notAProvider' of type java.lang.StringBuilder, which is "
                        + "neither a Provider nor a SignatureScheme", PROVIDER_ACTION_X);
    }

    @Test
    void aMissingPath() {
        assertFails(exa(runner, "hookline.endpoints.exa.path", null), "hookline.endpoints.exa.path is not set",
                "Set hookline.endpoints.exa.path to the exact path the sender posts to, such as /webhooks/exa.");
    }

    @Test
    void pathsThatAreNotExact() {
        for (String path : List.of("webhooks/exa", "/", "/webhooks/*", "/webhooks/exa?x=1", "/webhooks//exa",
                "/webhooks/../admin", "/webhooks/./exa", "/web hooks", "/webhooks/%65xa", "/webhooks;a=b")) {
            assertFails(exa(runner, "hookline.endpoints.exa.path", path),
                    "hookline.endpoints.exa.path is '" + path + "', which is not an exact path", PATH_ACTION);
        }
    }

    @Test
    void twoEndpointsOnOnePath() {
        assertFails(runner.withPropertyValues("hookline.endpoints.exa.path=/webhooks/in",
                        "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET,
                        "hookline.endpoints.encrata.path=/webhooks/in",
                        "hookline.endpoints.encrata.secrets[0]=" + ENCRATA_SECRET),
                "hookline.endpoints.exa.path and hookline.endpoints.encrata.path are both '/webhooks/in'",
                "Give each endpoint a path of its own.");
    }

    @Test
    void durationsAndSizesOutOfRange() {
        assertFails(exa(runner, "hookline.endpoints.exa.tolerance", "-1s"),
                "hookline.endpoints.exa.tolerance is PT-1S; it must be zero or more",
                "Set a tolerance of zero or more, such as 5m, or turn the check off with "
                        + "hookline.endpoints.exa.timestamp-check=false.");
        assertFails(exa(runner, "hookline.endpoints.exa.max-event-age", "0s"),
                "hookline.endpoints.exa.max-event-age is PT0S; it must be positive",
                "Set an age longer than the sender's retry period, such as 3d, or remove "
                        + "hookline.endpoints.exa.max-event-age for no limit.");
        assertFails(exa(runner, "hookline.endpoints.exa.duplicate-wait", "-250ms"),
                "hookline.endpoints.exa.duplicate-wait is PT-0.25S; it must be zero or more",
                "Set a wait of zero or more, such as 5s.");
        assertFails(exa(runner, "hookline.endpoints.exa.body-read-timeout", "0"),
                "hookline.endpoints.exa.body-read-timeout is PT0S; it must be positive",
                "Set the time a whole request body may take to arrive, such as 5s.");
        assertFails(exa(runner, "hookline.endpoints.exa.body-read-timeout", "-1s"),
                "hookline.endpoints.exa.body-read-timeout is PT-1S; it must be positive",
                "Set the time a whole request body may take to arrive, such as 5s.");
        assertFails(exa(runner, "hookline.endpoints.exa.retry-after", "-5"),
                "hookline.endpoints.exa.retry-after is PT-5S; it must be zero or more",
                "Set a delay of zero or more, such as 10s.");
        assertFails(exa(runner, "hookline.endpoints.exa.max-body-size", "0"),
                "hookline.endpoints.exa.max-body-size is 0B; it must be from 1B to 2147483647B", "Set a size such as 1MB.");
        assertFails(exa(runner, "hookline.endpoints.exa.max-body-size", "2GB"),
                "hookline.endpoints.exa.max-body-size is 2147483648B; it must be from 1B to 2147483647B",
                "Set a size such as 1MB.");
    }

    @Test
    void deduplicationSettingsOutOfRangeOrNamingNoBean() {
        assertFails(exa(runner, "hookline.endpoints.exa.dedupe.max-entries", "0"),
                "hookline.endpoints.exa.dedupe.max-entries is 0; it must be positive", "Set a count such as 100000.");
        assertFails(exa(runner, "hookline.endpoints.exa.dedupe.retention", "0s"),
                "hookline.endpoints.exa.dedupe.retention is PT0S; it must be positive",
                "Set a retention longer than the sender's retry period, such as 24h.");
        assertFails(exa(runner, "hookline.endpoints.exa.dedupe.deduplicator", "redisStore")
                        .withBean("redisStore", StringBuilder.class, StringBuilder::new),
                "hookline.endpoints.exa.dedupe.deduplicator is 'redisStore', which is not the name of a Deduplicator bean",
                "Set hookline.endpoints.exa.dedupe.deduplicator to the name of a Deduplicator bean, or remove it to "
                        + "use the in-memory one.");
        assertFails(exa(runner, "hookline.endpoints.exa.dedupe.deduplicator", "missing")
                        .withBean("present", Deduplicator.class, Deduplicator::none),
                "hookline.endpoints.exa.dedupe.deduplicator is 'missing', which is not the name of a Deduplicator bean",
                "Set hookline.endpoints.exa.dedupe.deduplicator to the name of a Deduplicator bean, or remove it to "
                        + "use the in-memory one.");
    }

    @Test
    void envelopeSettingsForAProviderThatBringsItsOwn() {
        assertFails(exa(runner, "hookline.endpoints.exa.envelope.id-field", "uuid"),
                "hookline.endpoints.exa.envelope is set, but provider 'exa' brings its own envelope",
                "Remove the hookline.endpoints.exa.envelope.* settings: they apply only to an endpoint whose provider "
                        + "is a SignatureScheme bean.");
    }

    @Test
    void envelopeSettingsThatContradictEachOther() {
        WebApplicationContextRunner scheme = runner
                .withBean("hubScheme", dev.hookline.signature.SignatureScheme.class, SignatureSchemes::github)
                .withPropertyValues("hookline.endpoints.hub.provider=hubScheme", "hookline.endpoints.hub.path=/hub",
                        "hookline.endpoints.hub.secrets[0]=" + EXA_SECRET);
        assertFails(scheme.withPropertyValues("hookline.endpoints.hub.envelope.id-field=id",
                        "hookline.endpoints.hub.envelope.id-header=X-Id"),
                "hookline.endpoints.hub.envelope sets more than one of id-field, id-header and id-from-body-digest",
                "Choose one of them.");
        assertFails(scheme.withPropertyValues("hookline.endpoints.hub.envelope.type-field=kind",
                        "hookline.endpoints.hub.envelope.type-header=X-Kind"),
                "hookline.endpoints.hub.envelope sets both type-field and type-header", "Choose one of them.");
        assertFails(scheme.withPropertyValues("hookline.endpoints.hub.envelope.data-field=payload",
                        "hookline.endpoints.hub.envelope.whole-body-as-data=true"),
                "hookline.endpoints.hub.envelope sets both data-field and whole-body-as-data", "Choose one of them.");
        assertFails(scheme.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("blank", Map.of("hookline.endpoints.hub.envelope.time-field", " ")))),
                "hookline.endpoints.hub.envelope.time-field is blank",
                "Name a field or header, or remove hookline.endpoints.hub.envelope.time-field.");
    }

    @Test
    void aListenerMethodWhoseParametersCannotBeServed() {
        assertFails(exa(runner).withBean("badListener", BadParameterListener.class),
                "A @WebhookListener method of bean 'badListener' cannot be registered with endpoint 'exa' "
                        + "(hookline.endpoints.exa): dev.hookline.spring.FailFastTest$BadParameterListener.on(int): "
                        + "parameter 1 (count) of type int cannot receive an event; use WebhookEvent, JsonNode, "
                        + "Headers, Receipt or a type the data binds to",
                LISTENER_ACTION);
    }

    @Test
    void aListenerMethodThatReturnsSomething() {
        assertFails(exa(runner).withBean("returning", ReturningListener.class),
                "A @WebhookListener method of bean 'returning' cannot be registered with endpoint 'exa' "
                        + "(hookline.endpoints.exa): dev.hookline.spring.FailFastTest$ReturningListener.on(WebhookEvent): "
                        + "a @WebhookListener method must return void",
                LISTENER_ACTION);
    }

    @Test
    void aTypedListenerThatSuitsOneProviderButListensToAll() {
        assertFails(exa(runner, "hookline.endpoints.encrata.path", "/webhooks/encrata",
                        "hookline.endpoints.encrata.secrets[0]", ENCRATA_SECRET)
                        .withBean("monitorRuns", MonitorRunListener.class),
                "A @WebhookListener method of bean 'monitorRuns' cannot be registered with endpoint 'encrata' "
                        + "(hookline.endpoints.encrata): dev.hookline.spring.FailFastTest$MonitorRunListener"
                        + ".on(MonitorRun): listens to 'monitor.run.completed', which includes monitor.run.completed "
                        + "whose data is MonitorRunCompleted, not MonitorRun",
                LISTENER_ACTION);
    }

    @Test
    void aListenerNamingAnEndpointThatIsNotConfigured() {
        assertFails(exa(runner).withBean("typo", TypoListener.class),
                "@WebhookListener method dev.hookline.spring.FailFastTest$TypoListener.on(WebhookEvent) of bean 'typo' "
                        + "names endpoint 'exa-prod', which is not configured under hookline.endpoints",
                "Configure hookline.endpoints.exa-prod (set its enabled property to false to switch it off), or "
                        + "correct the endpoint name in the annotation.");
    }

    @Test
    void aPrototypeListenerBean() {
        assertFails(exa(runner).withUserConfiguration(PrototypeConfiguration.class),
                "Bean 'prototypeListener' (dev.hookline.spring.FailFastTest$TypoFreeListener) has @WebhookListener "
                        + "methods but is not a singleton (scope 'prototype')",
                "Make the bean a singleton, or give it a scoped proxy (@Scope(proxyMode = ScopedProxyMode.TARGET_CLASS)) "
                        + "so that one instance can be registered.");
    }

    @Test
    void aListenerBeanBehindAJdkProxy() {
        BeanPostProcessor jdkProxying = new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof InterfaceListener)) {
                    return bean;
                }
                ProxyFactory factory = new ProxyFactory(bean);
                factory.setInterfaces(Runnable.class);
                return factory.getProxy();
            }
        };
        assertFails(exa(runner).withBean("jdkProxying", BeanPostProcessor.class, () -> jdkProxying)
                        .withBean("interfaceListener", InterfaceListener.class),
                "Bean 'interfaceListener' (dev.hookline.spring.FailFastTest$InterfaceListener) has @WebhookListener "
                        + "methods but is a JDK dynamic proxy, which hides them",
                "Proxy the bean by its class (spring.aop.proxy-target-class=true, Spring Boot's default), or move the "
                        + "listener methods to a bean that is not proxied.");
    }

    @Test
    void theFailureAnalyzerIsRegistered() {
        // other analyzers need constructor arguments that only a running application supplies: skip those
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { }));
        assertThat(analyzers).hasAtLeastOneElementOfType(WebhookConfigurationFailureAnalyzer.class);
    }

    static class BadParameterListener {
        @WebhookListener("webset.item.created")
        void on(int count) {
        }
    }

    static class ReturningListener {
        @WebhookListener("*")
        String on(WebhookEvent event) {
            return event.id();
        }
    }

    static class MonitorRunListener {
        @WebhookListener("monitor.run.completed")
        void on(MonitorRun run) {
        }
    }

    static class TypoListener {
        @WebhookListener(value = "*", endpoint = "exa-prod")
        void on(WebhookEvent event) {
        }
    }

    static class TypoFreeListener {
        @WebhookListener("*")
        void on(WebhookEvent event) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrototypeConfiguration {
        @Bean
        @Scope("prototype")
        TypoFreeListener prototypeListener() {
            return new TypoFreeListener();
        }
    }

    static class InterfaceListener implements Runnable {
        @WebhookListener("*")
        void on(WebhookEvent event) {
        }

        @Override
        public void run() {
        }
    }
}
