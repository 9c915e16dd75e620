package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.ENCRATA_SECRET;
import static dev.hookline.spring.TestDeliveries.EXA_NEXT_SECRET;
import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static dev.hookline.spring.TestDeliveries.STANDARD_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * With Actuator told to show every value, webhook secrets still never appear in /actuator/configprops or
 * /actuator/env, whether set as properties, as environment variables, or through a placeholder, while the other
 * Hookline settings are shown as they are. A real application on Tomcat behind Spring Security's defaults.
 */
@SpringBootTest(classes = ActuatorSecretsTest.ActuatorApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "hookline.endpoints.exa.path=/webhooks/exa",
                "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET,
                "hookline.endpoints.encrata.path=/webhooks/encrata",
                "hookline.endpoints.standard.path=/webhooks/standard",
                "hookline.endpoints.standard.secrets[0]=${STANDARD_WEBHOOK_SECRET}",
                "management.endpoints.web.exposure.include=configprops,env",
                "management.endpoint.configprops.show-values=always",
                "management.endpoint.env.show-values=always",
                "spring.security.user.name=admin",
                "spring.security.user.password=" + ActuatorSecretsTest.PASSWORD,
                "spring.main.banner-mode=off" })
@ContextConfiguration(initializers = ActuatorSecretsTest.EnvironmentVariables.class)
class ActuatorSecretsTest {

    static final String PASSWORD = "actuator-password-91c4";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @LocalServerPort
    int port;

    /** An application with Actuator and the starter, and nothing else of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ActuatorApplication {
    }

    /**
     * Environment variables as the process would have them: Encrata's secret only here, a second Exa secret that
     * the property above outranks, the variable Standard's placeholder reads, and a setting that is no secret.
     */
    static class EnvironmentVariables implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addBefore(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                            "HOOKLINE_ENDPOINTS_ENCRATA_SECRETS_0_", ENCRATA_SECRET,
                            "HOOKLINE_ENDPOINTS_EXA_SECRETS_0_", EXA_NEXT_SECRET,
                            "STANDARD_WEBHOOK_SECRET", STANDARD_SECRET,
                            "HOOKLINE_ENDPOINTS_ENCRATA_MAX_EVENT_AGE", "3d")));
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT).header("Authorization", basic).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void configpropsShowsTheEndpointsButMasksEverySecret() throws Exception {
        HttpResponse<String> response = get("/actuator/configprops/hookline");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .doesNotContain(EXA_SECRET, EXA_NEXT_SECRET, ENCRATA_SECRET, STANDARD_SECRET)
                .contains("\"path\":\"/webhooks/exa\"", "\"path\":\"/webhooks/encrata\"",
                        "\"path\":\"/webhooks/standard\"", "\"maxEventAge\":\"PT72H\"",
                        "\"secrets\":[\"******\"]", "\"secrets\":[{\"value\":\"******\"");
    }

    @Test
    void envShowsTheSettingsButMasksEverySecretInEverySpelling() throws Exception {
        HttpResponse<String> response = get("/actuator/env");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .doesNotContain(EXA_SECRET, EXA_NEXT_SECRET, ENCRATA_SECRET, STANDARD_SECRET)
                .contains("\"hookline.endpoints.exa.path\":{\"value\":\"/webhooks/exa\"",
                        "\"HOOKLINE_ENDPOINTS_ENCRATA_MAX_EVENT_AGE\":{\"value\":\"3d\"",
                        "\"hookline.endpoints.exa.secrets[0]\":{\"value\":\"******\"",
                        "\"HOOKLINE_ENDPOINTS_EXA_SECRETS_0_\":{\"value\":\"******\"",
                        "\"STANDARD_WEBHOOK_SECRET\":{\"value\":\"******\"");
    }

    @Test
    void oneVariableThroughEnvShowsItsNameButNotItsValue() throws Exception {
        HttpResponse<String> response = get("/actuator/env/STANDARD_WEBHOOK_SECRET");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(STANDARD_SECRET).contains("\"value\":\"******\"");
    }
}
