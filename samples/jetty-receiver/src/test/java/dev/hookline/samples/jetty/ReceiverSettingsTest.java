package dev.hookline.samples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.cli.DemoSecrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverSettingsTest {

    @Test
    void withNothingSetItListensOn8080WithTheDemoSecrets() {
        ReceiverSettings settings = ReceiverSettings.from(Map.of());

        assertThat(settings.host()).as("this machine only, since the demo secrets are public").isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.exa()).isEqualTo(
                new SecretSetting("EXA_WEBHOOK_SECRET", ReceiverSettings.DEMO_EXA_SECRET, true));
        assertThat(settings.encrata()).isEqualTo(
                new SecretSetting("ENCRATA_WEBHOOK_SECRET", ReceiverSettings.DEMO_ENCRATA_SECRET, true));
        assertThat(settings.standard()).isEqualTo(
                new SecretSetting("STANDARD_WEBHOOK_SECRET", ReceiverSettings.DEMO_STANDARD_SECRET, true));
    }

    @Test
    void theDemoSecretsAreTheSendersDefaults() {
        assertThat(ReceiverSettings.DEMO_EXA_SECRET).isEqualTo(DemoSecrets.EXA);
        assertThat(ReceiverSettings.DEMO_ENCRATA_SECRET).isEqualTo(DemoSecrets.ENCRATA);
        assertThat(ReceiverSettings.DEMO_STANDARD_SECRET).isEqualTo(DemoSecrets.STANDARD);
    }

    @Test
    void variablesOverrideTheDefaults() {
        String encrata = "whsec_" + "0123456789abcdef".repeat(4);
        ReceiverSettings settings = ReceiverSettings.from(Map.of("HOST", "0.0.0.0", "PORT", "0",
                "EXA_WEBHOOK_SECRET", "s1", "ENCRATA_WEBHOOK_SECRET", encrata, "STANDARD_WEBHOOK_SECRET", "s3"));

        assertThat(settings).isEqualTo(new ReceiverSettings("0.0.0.0", 0,
                new SecretSetting("EXA_WEBHOOK_SECRET", "s1", false),
                new SecretSetting("ENCRATA_WEBHOOK_SECRET", encrata, false),
                new SecretSetting("STANDARD_WEBHOOK_SECRET", "s3", false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_xyz", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "whsec_0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"})
    void anEncrataSecretNotInEncratasFormIsRefusedWithoutBeingShown(String secret) {
        assertThatThrownBy(() -> ReceiverSettings.from(Map.of("ENCRATA_WEBHOOK_SECRET", secret)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ENCRATA_WEBHOOK_SECRET must be 'whsec_' and 64 hex digits, as Encrata issues it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "80.5", "-1", "65536"})
    void aPortThatIsNotAPortIsRefused(String port) {
        assertThatThrownBy(() -> ReceiverSettings.from(Map.of("PORT", port)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PORT must be ")
                .hasMessageContaining("between 0 and 65535, was ")
                .hasMessageContaining(port);
    }

    @Test
    void noticesNameTheVariableAndShowOnlyTheDemoSecret() {
        assertThat(new SecretSetting("EXA_WEBHOOK_SECRET", "demo-value", true).notice())
                .isEqualTo("DEMO ONLY - EXA_WEBHOOK_SECRET not set, using demo secret: demo-value");
        assertThat(new SecretSetting("EXA_WEBHOOK_SECRET", "real-value", false).notice())
                .isEqualTo("EXA_WEBHOOK_SECRET is set: using the secret from the environment");
        assertThat(new SecretSetting("EXA_WEBHOOK_SECRET", "real-value", false).toString()
                + new SecretSetting("EXA_WEBHOOK_SECRET", "demo-value", true)
                + ReceiverSettings.from(Map.of("EXA_WEBHOOK_SECRET", "real-value")))
                .doesNotContain("real-value", "demo-value", ReceiverSettings.DEMO_EXA_SECRET);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "STANDARD_WEBHOOK_SECRET | whsec_not*base64 | STANDARD_WEBHOOK_SECRET is not a valid secret for "
                + "StandardWebhooksScheme: A Standard Webhooks secret must be base64 after 'whsec_' (or none), 'whpk_' or 'whsk_'",
        "EXA_WEBHOOK_SECRET | 'exa_secret_with_newline\n' | EXA_WEBHOOK_SECRET has leading or trailing whitespace",
        "EXA_WEBHOOK_SECRET | short | EXA_WEBHOOK_SECRET is not a valid secret for TimestampedHmacScheme[Exa-Signature]: "
                + "the key is 5 bytes long; at least 16 are required",
        "ENCRATA_WEBHOOK_SECRET | '  ' | ENCRATA_WEBHOOK_SECRET is blank: set it to the signing secret the sender "
                + "issued"})
    void anUnusableSecretStopsTheStartWithoutBeingShown(String variable, String value, String message) {
        String secret = value.replace("\\n", "\n");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JettyReceiver.start(Map.of("PORT", "0", variable, secret), stream, stream))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("nothing, the secret least of all").isEmpty();
    }
}
