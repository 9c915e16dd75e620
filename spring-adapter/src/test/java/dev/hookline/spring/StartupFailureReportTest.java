package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a person sees when a misconfigured application starts: what is wrong and what to do, and no secret. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

    @Test
    void aMisconfiguredApplicationStopsWithADescriptionAndAnAction(CapturedOutput output) {
        SpringApplication application = new SpringApplication(WebhookApplication.class);

        assertThatThrownBy(() -> application.run("--server.port=0", "--spring.main.banner-mode=off",
                "--hookline.endpoints.exa.path=/webhooks/exa",
                "--hookline.endpoints.exa.secrets[0]=" + EXA_SECRET + " "))
                .hasStackTraceContaining("hookline.endpoints.exa.secrets[0] has leading or trailing whitespace");

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator()
                        + "hookline.endpoints.exa.secrets[0] has leading or trailing whitespace")
                .contains("Action:" + System.lineSeparator() + System.lineSeparator()
                        + "Remove the whitespace around the secret, often a line break read from a file or an "
                        + "environment variable.")
                .doesNotContain(EXA_SECRET);
    }
}
