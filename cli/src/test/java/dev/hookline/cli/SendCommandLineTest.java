package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendCommandLineTest {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    private static SendRequest send(String... args) throws UsageException {
        return send(NO_ENVIRONMENT, args);
    }

    private static SendRequest send(Map<String, String> environment, String... args) throws UsageException {
        SendCommand command = SendCommandLine.parse(List.of(args), environment);
        assertThat(command).isInstanceOf(SendCommand.Send.class);
        return ((SendCommand.Send) command).request();
    }

    private static void assertUsageError(String message, String... args) {
        assertThatThrownBy(() -> SendCommandLine.parse(List.of(args), NO_ENVIRONMENT))
                .isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    @Test
    void sendWithOnlyAProviderTakesTheDefaults() throws Exception {
        SendRequest request = send("send", "--provider", "exa");

        assertThat(request).isEqualTo(new SendRequest(SampleProvider.EXA, "webset.item.created",
                URI.create("http://localhost:8080/webhooks/exa"), DemoSecrets.EXA, false, false, false));
    }

    @ParameterizedTest
    @CsvSource({
        "exa, webset.item.created, " + DemoSecrets.EXA,
        "encrata, lookup.completed, " + DemoSecrets.ENCRATA,
        "standard, webset.item.created, " + DemoSecrets.STANDARD,
        "ENCRATA, lookup.completed, " + DemoSecrets.ENCRATA})
    void eachProviderHasItsDefaultEventUrlAndDemoSecret(String name, String event, String secret) throws Exception {
        SendRequest request = send("send", "--provider", name);

        assertThat(request.provider().id()).isEqualTo(name.toLowerCase(Locale.ROOT));
        assertThat(request.event()).isEqualTo(event);
        assertThat(request.url()).isEqualTo(URI.create("http://localhost:8080/webhooks/" + request.provider().id()));
        assertThat(request.secret()).isEqualTo(secret);
    }

    @Test
    void everyOptionIsRead() throws Exception {
        SendRequest request = send("send", "--provider", "standard", "--event", "credits.low",
                "--url", "https://example.test/hooks", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--tamper", "--old-timestamp",
                "--twice");

        assertThat(request).isEqualTo(new SendRequest(SampleProvider.STANDARD, "credits.low",
                URI.create("https://example.test/hooks"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true, true, true));
    }

    @Test
    void optionsMayTakeTheirValueAfterAnEqualsSignAndComeInAnyOrder() throws Exception {
        SendRequest request = send("send", "--twice", "--url=http://127.0.0.1:9/x", "--event=import.created",
                "--provider=exa", "--secret=a=b_and_at_least_16_bytes");

        assertThat(request).isEqualTo(new SendRequest(SampleProvider.EXA, "import.created",
                URI.create("http://127.0.0.1:9/x"), "a=b_and_at_least_16_bytes", false, false, true));
    }

    @Test
    void theSecretDefaultsToTheReceiversEnvironmentVariableWhenSet() throws Exception {
        Map<String, String> environment = Map.of("EXA_WEBHOOK_SECRET", "from-env-secret-value", "ENCRATA_WEBHOOK_SECRET", "");

        assertThat(send(environment, "send", "--provider", "exa").secret()).isEqualTo("from-env-secret-value");
        assertThat(send(environment, "send", "--provider", "encrata").secret()).isEqualTo(DemoSecrets.ENCRATA);
        assertThat(send(environment, "send", "--provider", "exa", "--secret", "given-secret-value-16").secret()).isEqualTo("given-secret-value-16");
    }

    @Test
    void listTakesAnOptionalProvider() throws Exception {
        assertThat(SendCommandLine.parse(List.of("--list"), NO_ENVIRONMENT)).isEqualTo(new SendCommand.ListEvents(null));
        assertThat(SendCommandLine.parse(List.of("send", "--list", "--provider", "encrata"), NO_ENVIRONMENT))
                .isEqualTo(new SendCommand.ListEvents(SampleProvider.ENCRATA));
    }

    @Test
    void helpWinsOverEverythingElse() throws Exception {
        assertThat(SendCommandLine.parse(List.of("--help"), NO_ENVIRONMENT)).isEqualTo(new SendCommand.Help());
        assertThat(SendCommandLine.parse(List.of("-h"), NO_ENVIRONMENT)).isEqualTo(new SendCommand.Help());
        assertThat(SendCommandLine.parse(List.of("send", "--provider", "nope", "--help"), NO_ENVIRONMENT))
                .isEqualTo(new SendCommand.Help());
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertUsageError("nothing to do: give send, --list or --help");
        assertUsageError("unknown command 'post': expected send, --list or --help", "post");
        assertUsageError("missing the command: put send before the options", "--provider", "exa");
        assertUsageError("unexpected argument 'extra'", "send", "--provider", "exa", "extra");
        assertUsageError("unknown option '--verbose'; --help lists the options", "send", "--verbose");
        assertUsageError("unknown option '-v'; --help lists the options", "send", "-v");
        assertUsageError("send needs --provider exa, encrata, standard, svix, stripe or github", "send");
        assertUsageError("unknown provider 'paddle': expected exa, encrata, standard, svix, stripe or github", "send",
                "--provider", "paddle");
        assertUsageError("--provider needs a value: exa, encrata, standard, svix, stripe or github", "send", "--provider");
        assertUsageError("--provider needs a value: exa, encrata, standard, svix, stripe or github", "send", "--provider", "--tamper");
        assertUsageError("--provider needs a value: exa, encrata, standard, svix, stripe or github", "send", "--provider=");
        assertUsageError("--event needs a value: an event type such as webset.item.created; --list shows them",
                "send", "--provider", "exa", "--event");
        assertUsageError("--url needs a value: such as http://localhost:8080/webhooks/exa",
                "send", "--provider", "exa", "--url");
        assertUsageError("--secret needs a value", "send", "--provider", "exa", "--secret");
        assertUsageError("--provider is given more than once", "send", "--provider", "exa", "--provider", "exa");
        assertUsageError("--twice is given more than once", "send", "--provider", "exa", "--twice", "--twice");
        assertUsageError("--tamper takes no value", "send", "--provider", "exa", "--tamper=yes");
        assertUsageError("--list takes only --provider, not --event, --twice", "--list", "--twice", "--event", "x");
    }

    @Test
    void anUnknownEventPointsToTheList() {
        assertUsageError("unknown exa event 'lookup.completed'; --list shows the events",
                "send", "--provider", "exa", "--event", "lookup.completed");
        assertUsageError("unknown standard event 'nope'; --list shows the events",
                "send", "--provider", "standard", "--event", "nope");
    }

    @Test
    void aUrlMustBeAbsoluteHttp() {
        assertUsageError("--url must be an absolute http:// or https:// URL, was 'localhost:8080/webhooks/exa'",
                "send", "--provider", "exa", "--url", "localhost:8080/webhooks/exa");
        assertUsageError("--url must be an absolute http:// or https:// URL, was '/webhooks/exa'",
                "send", "--provider", "exa", "--url", "/webhooks/exa");
        assertUsageError("--url must be an absolute http:// or https:// URL, was 'ftp://host/x'",
                "send", "--provider", "exa", "--url", "ftp://host/x");
        assertUsageError("--url must be an absolute http:// or https:// URL, was 'http://bad host/'",
                "send", "--provider", "exa", "--url", "http://bad host/");
    }

    @Test
    void anUnusableSecretIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> SendCommandLine.parse(
                        List.of("send", "--provider", "standard", "--secret", "whsec_not*base64!"), NO_ENVIRONMENT))
                .isInstanceOf(UsageException.class)
                .hasMessage("--secret is not a valid secret for StandardWebhooksScheme: "
                        + "A Standard Webhooks secret must be base64 after 'whsec_' (or none), 'whpk_' or 'whsk_'")
                .hasMessageNotContaining("not*base64!");
    }

    @Test
    void anOldTimestampIsRefusedForEncrataWithTheReason() {
        assertThatThrownBy(() -> SendCommandLine.parse(
                        List.of("send", "--provider", "encrata", "--old-timestamp"), NO_ENVIRONMENT))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--old-timestamp does not apply to encrata: encrata signs the body alone, "
                        + "with no timestamp, so there is no signed time to make old.")
                .hasMessageContaining("deduplicating on a digest of the body")
                .hasMessageContaining("maxEventAge");
    }
}
