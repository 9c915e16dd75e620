package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/** Which values Hookline masks in Actuator's configprops and env endpoints, and how the function is registered. */
class SecretSanitizingFunctionTest {

    private static final PropertySource<?> SOURCE = new MapPropertySource("test", Map.of());

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineActuatorAutoConfiguration.class));

    /** What Actuator shows for the key and value with show-values=always, given Hookline's bound properties. */
    private static Object shown(List<HooklineProperties> properties, String key, Object value) {
        return new Sanitizer(List.of(new SecretSanitizingFunction(properties)))
                .sanitize(new SanitizableData(SOURCE, key, value), true);
    }

    private static Object shown(String key, Object value) {
        return shown(List.of(), key, value);
    }

    @Test
    void masksAnEndpointsSecretsWhateverTheSpelling() {
        for (String key : List.of("hookline.endpoints.exa.secrets[0]", "hookline.endpoints.exa.secrets[12]",
                "hookline.endpoints.exa.secrets", "hookline.endpoints.exa.SECRETS[0]", "hookline.Endpoints.Exa.Secrets",
                "hookline.endpoints[exa].secrets[1]", "hookline.endpoints[my.exa].secrets[0]",
                "hookline.endpoints.exa.secrets.0", "hookline.endpoints.secrets.secrets[0]",
                "HOOKLINE_ENDPOINTS_EXA_SECRETS_0_", "HOOKLINE_ENDPOINTS_EXA_SECRETS_0", "HOOKLINE_ENDPOINTS_EXA_SECRETS",
                "HOOKLINE_ENDPOINTS_MY_EXA_SECRETS_1_")) {
            assertThat(shown(key, "value-of-" + key)).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
        }
    }

    @Test
    void leavesEveryOtherSettingAsItIs() {
        for (String key : List.of("hookline.endpoints.exa.path", "hookline.endpoints.secrets.path",
                "hookline.endpoints.exa.secrets-file", "hookline.endpoints.exa.dedupe.max-entries",
                "hookline.endpoints.secrets", "hookline.secrets[0]", "other.endpoints.exa.secrets[0]",
                "HOOKLINE_ENDPOINTS_EXA_PATH", "HOOKLINE_ENDPOINTS_SECRETS_PATH", "EXA_WEBHOOK_SECRET")) {
            assertThat(shown(key, "/webhooks/exa")).as(key).isEqualTo("/webhooks/exa");
        }
    }

    @Test
    void masksAnEndpointsBackfillApiKeyWhateverTheSpellingAndAnyValueThatHoldsIt() {
        for (String key : List.of("hookline.endpoints.exa.backfill.api-key", "hookline.endpoints.exa.backfill.apiKey",
                "hookline.endpoints[exa].BACKFILL.API-KEY", "hookline.endpoints[my.exa].backfill.api_key",
                "HOOKLINE_ENDPOINTS_EXA_BACKFILL_APIKEY", "HOOKLINE_ENDPOINTS_EXA_BACKFILL_API_KEY")) {
            assertThat(shown(key, "exa-api-key-value")).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
        }
        for (String key : List.of("hookline.endpoints.exa.backfill.api-url", "hookline.endpoints.exa.api-key",
                "hookline.endpoints.backfill.apikey", "HOOKLINE_ENDPOINTS_EXA_BACKFILL_INTERVAL")) {
            assertThat(shown(key, "5m")).as(key).isEqualTo("5m");
        }
        HooklineProperties properties = new HooklineProperties();
        HooklineProperties.Endpoint exa = new HooklineProperties.Endpoint();
        exa.getBackfill().setApiKey("exa-api-key-value");
        properties.getEndpoints().put("exa", exa);

        assertThat(shown(List.of(properties), "EXA_API_KEY", "exa-api-key-value"))
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(exa.getBackfill().toString()).doesNotContain("exa-api-key-value");
    }

    @Test
    void masksAnyValueThatHoldsAConfiguredSecret() {
        HooklineProperties properties = new HooklineProperties();
        HooklineProperties.Endpoint exa = new HooklineProperties.Endpoint();
        exa.setSecrets(List.of(EXA_SECRET));
        properties.getEndpoints().put("exa", exa);
        List<HooklineProperties> bound = List.of(properties);

        assertThat(shown(bound, "EXA_WEBHOOK_SECRET", EXA_SECRET)).isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(shown(bound, "SPRING_APPLICATION_JSON", "{\"hookline\":{\"endpoints\":{\"exa\":{\"secrets\":[\""
                + EXA_SECRET + "\"]}}}}")).isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(shown(bound, "EXA_WEBHOOK_URL", "https://example.com/webhooks/exa"))
                .isEqualTo("https://example.com/webhooks/exa");
        assertThat(shown(bound, "server.port", 8080)).isEqualTo(8080);
    }

    @Test
    void isRegisteredWithActuatorAndRunsBeforeTheApplicationsOwnFunctions() {
        runner.withBean("ownFunction", SanitizingFunction.class, () -> data -> data)
                .withPropertyValues("hookline.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("hooklineSecretSanitizingFunction");
                    assertThat(context.getBeanProvider(SanitizingFunction.class).orderedStream().findFirst())
                            .containsSame(context.getBean("hooklineSecretSanitizingFunction", SanitizingFunction.class));
                });
    }

    @Test
    void isAbsentWithoutActuator() {
        runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean("hooklineSecretSanitizingFunction"));
    }
}
