package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * A secret that names an environment variable that is not set stops start-up, instead of the placeholder's own
 * text becoming the secret. The process's real environment and system properties are removed from every context
 * here, so the variables the tests name are unset whatever the machine has.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretPlaceholdersTest {

    private static final String PREFIX = "exa_prefix_4e1f";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HooklineAutoConfiguration.class));

    /** The Exa endpoint with the given properties added, in a context that sees no real environment. */
    private WebApplicationContextRunner exa(String... keysAndValues) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("hookline.endpoints.exa.path", "/webhooks/exa");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return runner.withInitializer(context -> {
            MutablePropertySources sources = withoutProcessEnvironment(context);
            sources.addFirst(new MapPropertySource("test", properties));
        });
    }

    private static MutablePropertySources withoutProcessEnvironment(ConfigurableApplicationContext context) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        return sources;
    }

    private static void assertFails(WebApplicationContextRunner runner, String message, String action) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new WebhookConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo(message);
            assertThat(analysis.getAction()).isEqualTo(action);
            assertThat(message + action).doesNotContain(EXA_SECRET).doesNotContain(PREFIX);
        });
    }

    private static String setIt(String variable) {
        return "Set the environment variable " + variable + " (or a property of that name) to the signing secret "
                + "the sender issued.";
    }

    @Test
    void theReadmeExampleWithItsVariableUnsetStopsStartUp() {
        assertFails(exa("hookline.endpoints.exa.secrets[0]", "${EXA_WEBHOOK_SECRET}"),
                "hookline.endpoints.exa.secrets[0] refers to EXA_WEBHOOK_SECRET, which is not set",
                setIt("EXA_WEBHOOK_SECRET"));
    }

    @Test
    void aPlaceholderInsideASecretStopsStartUpWithoutShowingTheRest() {
        assertFails(exa("hookline.endpoints.exa.secrets[0]", EXA_SECRET,
                        "hookline.endpoints.exa.secrets[1]", PREFIX + "${EXA_NEXT_WEBHOOK_SECRET}"),
                "hookline.endpoints.exa.secrets[1] refers to EXA_NEXT_WEBHOOK_SECRET, which is not set",
                setIt("EXA_NEXT_WEBHOOK_SECRET"));
    }

    @Test
    void aNestedPlaceholderNamesTheVariableStillMissing() {
        assertFails(exa("hookline.endpoints.exa.secrets[0]", "${EXA_WEBHOOK_SECRET:${EXA_FALLBACK_SECRET}}"),
                "hookline.endpoints.exa.secrets[0] refers to EXA_FALLBACK_SECRET, which is not set",
                setIt("EXA_FALLBACK_SECRET"));
        assertFails(exa("hookline.endpoints.exa.secrets[0]", "${${EXA_SECRET_PREFIX}_WEBHOOK_SECRET}"),
                "hookline.endpoints.exa.secrets[0] refers to EXA_SECRET_PREFIX, which is not set",
                setIt("EXA_SECRET_PREFIX"));
    }

    @Test
    void aPlaceholderWithAnEmptyDefaultIsAMissingSecret() {
        assertFails(exa("hookline.endpoints.exa.secrets[0]", "${EXA_WEBHOOK_SECRET:}"),
                "hookline.endpoints.exa.secrets[0] is missing: set it to the signing secret the sender issued",
                "Set hookline.endpoints.exa.secrets[0] to the signing secret the sender issued, for instance from an "
                        + "environment variable; while rotating, add the new one as hookline.endpoints.exa.secrets[1].");
    }

    @Test
    void aPlaceholderWithoutANameStopsStartUp() {
        assertFails(exa("hookline.endpoints.exa.secrets[0]", "${}"),
                "hookline.endpoints.exa.secrets[0] holds a placeholder without a name",
                "Name the environment variable that holds the secret, such as ${EXA_WEBHOOK_SECRET}.");
    }

    @Test
    void aResolvedPlaceholderIsTheSecret() {
        exa("hookline.endpoints.exa.secrets[0]", "${EXA_WEBHOOK_SECRET}", "EXA_WEBHOOK_SECRET", EXA_SECRET)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WebhookEndpointRegistry.class).endpoint("exa")).isNotNull();
                });
    }

    @Test
    void findsTheFirstInnermostPlaceholderName() {
        assertThat(SecretPlaceholders.unresolvedName("${A}")).hasValue("A");
        assertThat(SecretPlaceholders.unresolvedName("x${A}y${B}")).hasValue("A");
        assertThat(SecretPlaceholders.unresolvedName("${A:fallback}")).hasValue("A");
        assertThat(SecretPlaceholders.unresolvedName("${A:${B}}")).hasValue("B");
        assertThat(SecretPlaceholders.unresolvedName("${${P}_S}")).hasValue("P");
        assertThat(SecretPlaceholders.unresolvedName("}{${A}")).hasValue("A");
        assertThat(SecretPlaceholders.unresolvedName("${}")).hasValue("");
        assertThat(SecretPlaceholders.unresolvedName("whsec_abc+/=")).isEqualTo(Optional.empty());
        assertThat(SecretPlaceholders.unresolvedName("${A")).isEqualTo(Optional.empty());
        assertThat(SecretPlaceholders.unresolvedName("$A}")).isEqualTo(Optional.empty());
        assertThat(SecretPlaceholders.unresolvedName("{A}")).isEqualTo(Optional.empty());
    }

    @Test
    void theStartUpFailureReportNamesThePropertyAndTheVariable(CapturedOutput output) {
        SpringApplication application = new SpringApplication(WebhookApplication.class);
        application.addInitializers(SecretPlaceholdersTest::withoutProcessEnvironment);

        assertThatThrownBy(() -> application.run("--server.port=0", "--spring.main.banner-mode=off",
                "--hookline.endpoints.exa.path=/webhooks/exa",
                "--hookline.endpoints.exa.secrets[0]=${EXA_WEBHOOK_SECRET}",
                "--hookline.endpoints.encrata.path=/webhooks/encrata",
                "--hookline.endpoints.encrata.secrets[0]=" + TestDeliveries.ENCRATA_SECRET,
                "--hookline.endpoints.metered.provider=exa",
                "--hookline.endpoints.metered.path=/webhooks/metered",
                "--hookline.endpoints.metered.secrets[0]=" + EXA_SECRET))
                .hasStackTraceContaining("hookline.endpoints.exa.secrets[0] refers to EXA_WEBHOOK_SECRET, which is not set");

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator()
                        + "hookline.endpoints.exa.secrets[0] refers to EXA_WEBHOOK_SECRET, which is not set")
                .contains("Action:" + System.lineSeparator() + System.lineSeparator()
                        + setIt("EXA_WEBHOOK_SECRET"))
                .doesNotContain(EXA_SECRET)
                .doesNotContain(TestDeliveries.ENCRATA_SECRET);
    }
}
