package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Outcome;
import dev.hookline.signature.SignatureFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender's options against a real receiver: each does what it says, and the exit status follows. */
class SendAgainstReceiverTest {

    private final WebhookSender sender = new WebhookSender();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private TestReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private SendRequest request(SampleProvider provider) {
        return SendRequest.of(provider, provider.defaultEvent(), receiver.uri(provider));
    }

    private int run(String... args) {
        SendCli cli = new SendCli(sender, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(args, Map.of());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aGenuineDeliveryIsAcceptedByEveryProvidersEndpoint() throws Exception {
        for (SampleProvider provider : SampleProvider.values()) {
            SendReport report = sender.send(request(provider));

            assertThat(report.responses()).as(provider.id()).containsExactly(new Response(204, null));
            assertThat(report.asExpected()).isTrue();
        }
        assertThat(receiver.outcomes()).extracting(Outcome::status).containsOnly(Outcome.Status.ACCEPTED).hasSize(SampleProvider.values().length);
        assertThat(receiver.handled()).isEqualTo(SampleProvider.values().length);
    }

    @Test
    void tamperGetsA401ForNoMatchingSignatureAndRunsNoHandler() throws Exception {
        for (SampleProvider provider : SampleProvider.values()) {
            SendReport report = sender.send(request(provider).withTamper());

            assertThat(report.responses()).as(provider.id())
                    .containsExactly(new Response(401, "no_matching_signature"));
            assertThat(report.asExpected()).isTrue();
        }
        assertThat(receiver.outcomes()).extracting(Outcome::reason)
                .containsOnly(SignatureFailure.NO_MATCHING_SIGNATURE).hasSize(SampleProvider.values().length);
        assertThat(receiver.handled()).isZero();
    }

    @Test
    void anOldTimestampGetsA401ForTheTolerance() throws Exception {
        for (SampleProvider provider : List.of(SampleProvider.EXA, SampleProvider.STANDARD)) {
            SendReport report = sender.send(request(provider).withOldTimestamp());

            assertThat(report.responses()).as(provider.id())
                    .containsExactly(new Response(401, "timestamp_outside_tolerance"));
            assertThat(report.asExpected()).isTrue();
        }
        assertThat(receiver.handled()).isZero();
    }

    @Test
    void twicePostsTheSameDeliveryWhichIsHandledOnceAndAcknowledgedTwice() throws Exception {
        for (SampleProvider provider : SampleProvider.values()) {
            SendReport report = sender.send(request(provider).withTwice());

            assertThat(report.responses()).as(provider.id())
                    .containsExactly(new Response(204, null), new Response(204, null));
            assertThat(report.asExpected()).isTrue();
        }
        List<Outcome.Status> expected = new java.util.ArrayList<>();
        for (int i = 0; i < SampleProvider.values().length; i++) {
            expected.add(Outcome.Status.ACCEPTED);
            expected.add(Outcome.Status.DUPLICATE);
        }
        assertThat(receiver.outcomes()).extracting(Outcome::status).containsExactlyElementsOf(expected);
        assertThat(receiver.handled()).isEqualTo(SampleProvider.values().length);
    }

    @Test
    void aWrongSecretIsNotWhatAGenuineDeliveryExpects() throws Exception {
        SendReport report = sender.send(request(SampleProvider.EXA).withSecret("not-the-receivers-secret"));

        assertThat(report.responses()).containsExactly(new Response(401, "no_matching_signature"));
        assertThat(report.asExpected()).isFalse();
    }

    @Test
    void theCommandLinePrintsOneLinePerPostAndExitsZeroWhenAllIsAsExpected() {
        int status = run("send", "--provider", "exa", "--url", receiver.uri(SampleProvider.EXA).toString(), "--twice");

        assertThat(status).isEqualTo(SendCli.OK);
        String id = receiver.outcomes().get(0).eventId();
        assertThat(out().lines()).containsExactly(
                "exa webset.item.created id=" + id + " -> 204",
                "exa webset.item.created id=" + id + " -> 204");
        assertThat(err()).isEqualTo("ok: 2xx both times: the repeat is acknowledged as a duplicate and not handled again"
                + System.lineSeparator());
    }

    @Test
    void anExpectedRefusalExitsZeroAndShowsTheReason() {
        int status = run("send", "--provider", "standard", "--url", receiver.uri(SampleProvider.STANDARD).toString(),
                "--event", "lookup.completed", "--tamper");

        assertThat(status).isEqualTo(SendCli.OK);
        assertThat(out()).matches("standard lookup\\.completed id=msg_[0-9a-f]{32} -> 401 reason=no_matching_signature\\R");
        assertThat(err()).startsWith("ok: 401, as a body changed after signing must be refused");
    }

    @Test
    void anUnexpectedAnswerExitsOne() {
        int status = run("send", "--provider", "encrata", "--url", receiver.uri(SampleProvider.ENCRATA).toString(),
                "--secret", "whsec_0000000000000000");

        assertThat(status).isEqualTo(SendCli.UNEXPECTED);
        assertThat(out()).matches("encrata lookup\\.completed id=[0-9a-f]{64} -> 401 reason=no_matching_signature\\R");
        assertThat(err()).startsWith("unexpected: a correct receiver answers 2xx");
        assertThat(out() + err()).doesNotContain("whsec_0000000000000000");
    }

    @Test
    void aReceiverThatIsNotThereExitsOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/webhooks/exa";

        int status = run("send", "--provider", "exa", "--url", url);

        assertThat(status).isEqualTo(SendCli.UNEXPECTED);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("error: could not connect to " + url + "; is the receiver running?"
                + System.lineSeparator());
    }

    @Test
    void aBadCommandLineExitsTwoWithoutSending() {
        int status = run("send", "--provider", "exa", "--url", receiver.uri(SampleProvider.EXA).toString(), "--tamperr");

        assertThat(status).isEqualTo(SendCli.USAGE);
        assertThat(err()).isEqualTo("error: unknown option '--tamperr'; --help lists the options" + System.lineSeparator());
        assertThat(receiver.outcomes()).isEmpty();
    }

    @Test
    void noArgumentsPrintsTheUsageAndExitsTwo() {
        assertThat(run()).isEqualTo(SendCli.USAGE);
        assertThat(err()).startsWith("error: nothing to do: give send, --list or --help" + System.lineSeparator() + "Usage:");
    }

    @Test
    void helpAndListPrintToStandardOutput() {
        assertThat(run("--help")).isEqualTo(SendCli.OK);
        assertThat(out()).isEqualTo(SendCommandLine.USAGE);

        out.reset();
        assertThat(run("--list", "--provider", "encrata")).isEqualTo(SendCli.OK);
        assertThat(out().lines()).containsExactly("encrata:", "  lookup.completed", "  monitor.run.completed",
                "  apikey.created", "  apikey.revoked", "  credits.low", "  credits.exhausted", "  test");

        out.reset();
        assertThat(run("--list")).isEqualTo(SendCli.OK);
        // exa and encrata their own events; standard, svix, stripe and github the 25 they borrow
        assertThat(out().lines()).hasSize(6 + 19 + 7 + 4 * 25).contains("exa:", "  webset.item.created", "github:");
    }
}
