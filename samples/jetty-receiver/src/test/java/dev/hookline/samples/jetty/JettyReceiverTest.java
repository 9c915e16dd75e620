package dev.hookline.samples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.samples.sender.SampleDelivery;
import dev.hookline.samples.sender.SamplePayloads;
import dev.hookline.samples.sender.SampleProvider;
import dev.hookline.samples.sender.SendReport;
import dev.hookline.samples.sender.SendRequest;
import dev.hookline.samples.sender.Response;
import dev.hookline.samples.sender.WebhookSender;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The receiver's contract, end to end: real Jetty on a free port, deliveries made by the sample sender. */
class JettyReceiverTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final WebhookSender sender = new WebhookSender();

    private static SendRequest request(RunningReceiver receiver, SampleProvider provider, String event) {
        return SendRequest.of(provider, event, receiver.uri(provider.id()));
    }

    /** The id the receiver must print, worked out from what went over the wire rather than from the sender. */
    private static String wireId(SampleDelivery delivery) throws Exception {
        return switch (delivery.request().provider()) {
            case EXA -> JSON.readTree(delivery.body()).get("id").asString();
            case ENCRATA -> HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(delivery.body()));
            case STANDARD -> delivery.headers().get("webhook-id");
        };
    }

    @ParameterizedTest
    @EnumSource(SampleProvider.class)
    void everySampleEventIsHandledWithExactlyOneLineOnStandardOutput(SampleProvider provider) throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            List<String> expected = new ArrayList<>();
            for (String event : SamplePayloads.events(provider)) {
                SendReport report = sender.send(request(receiver, provider, event));

                assertThat(report.responses()).as(event).containsExactly(new Response(204, null));
                expected.add("handled provider=" + provider.id() + " type=" + event + " id=" + wireId(report.delivery()));
            }

            assertThat(expected).hasSize(SamplePayloads.events(provider).size());
            assertThat(receiver.outLines()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void typedHandlersAndTheCatchAllWriteToStandardErrorOnly() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            sender.send(request(receiver, SampleProvider.EXA, "webset.item.created"));
            sender.send(request(receiver, SampleProvider.EXA, "webset.search.completed"));
            sender.send(request(receiver, SampleProvider.EXA, "import.created"));
            sender.send(request(receiver, SampleProvider.ENCRATA, "lookup.completed"));
            sender.send(request(receiver, SampleProvider.ENCRATA, "credits.low"));
            SendReport other = sender.send(request(receiver, SampleProvider.ENCRATA, "apikey.revoked"));

            assertThat(receiver.err()).contains(
                    "[exa] new item witem_01k9yarprw7hcw2ydn5bgk3vxf in webset_01k9yanth1h3wfn2m8rdk4xbe9: "
                            + "person https://www.linkedin.com/in/jonas-vehrenkamp",
                    "[exa] import.created ",
                    "[encrata] lookup lu_abc123 completed",
                    "[encrata] credits low: 480 left, threshold 500",
                    "[encrata] apikey.revoked (no specific handler)");
            assertThat(receiver.err()).containsPattern("\\[exa] search wsearch_\\w+ completed: \\d+ found");
            assertThat(receiver.err()).doesNotContain("[exa] webset.item.created", "[encrata] lookup.completed");
            assertThat(receiver.outLines()).hasSize(6).allMatch(line -> line.startsWith("handled provider="))
                    .last().isEqualTo("handled provider=encrata type=apikey.revoked id=" + wireId(other.delivery()));
        }
    }

    @ParameterizedTest
    @EnumSource(SampleProvider.class)
    void aDuplicateGets204AndPrintsNothing(SampleProvider provider) throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            SendReport report = sender.send(request(receiver, provider, provider.defaultEvent()).withTwice());

            assertThat(report.responses()).containsExactly(new Response(204, null), new Response(204, null));
            assertThat(receiver.outLines()).containsExactly("handled provider=" + provider.id() + " type="
                    + provider.defaultEvent() + " id=" + wireId(report.delivery()));
        }
    }

    @ParameterizedTest
    @EnumSource(SampleProvider.class)
    void aTamperedBodyGets401AndPrintsNothing(SampleProvider provider) throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            SendReport report = sender.send(request(receiver, provider, provider.defaultEvent()).withTamper());

            assertThat(report.responses()).containsExactly(new Response(401, "no_matching_signature"));
            assertThat(receiver.out()).isEmpty();
            assertThat(receiver.err()).doesNotContain("[" + provider.id() + "]");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SampleProvider.class, names = {"EXA", "STANDARD"})
    void anOldTimestampGets401AndPrintsNothing(SampleProvider provider) throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            SendReport report = sender.send(request(receiver, provider, provider.defaultEvent()).withOldTimestamp());

            assertThat(report.responses()).containsExactly(new Response(401, "timestamp_outside_tolerance"));
            assertThat(receiver.out()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE"})
    void anythingButPostGets405AndPrintsNothing(String method) throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            for (String provider : JettyReceiver.PROVIDERS) {
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(receiver.uri(provider))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(provider).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            }
            assertThat(receiver.out()).isEmpty();
        }
    }

    @Test
    void startUpNamesTheThreeEndpointsOnTheBoundPortAndSaysReadyOnStandardError() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            int port = receiver.uri("exa").getPort();

            assertThat(port).isPositive();
            assertThat(receiver.err()).contains(
                    "Hookline sample receiver listening on port " + port + ":",
                    "  POST http://localhost:" + port + "/webhooks/exa",
                    "  POST http://localhost:" + port + "/webhooks/encrata",
                    "  POST http://localhost:" + port + "/webhooks/standard",
                    "Ready: each handled event is printed to standard output. Stop with Ctrl-C.");
            assertThat(receiver.out()).isEmpty();
        }
    }

    @Test
    void missingSecretsFallBackToTheDemoSecretsAnnouncedOnStandardError() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.with(Map.of("EXA_WEBHOOK_SECRET", ""))) {
            assertThat(receiver.err()).contains(
                    "DEMO ONLY - EXA_WEBHOOK_SECRET not set, using demo secret: "
                            + ReceiverSettings.DEMO_EXA_SECRET,
                    "DEMO ONLY - ENCRATA_WEBHOOK_SECRET not set, using demo secret: "
                            + ReceiverSettings.DEMO_ENCRATA_SECRET,
                    "DEMO ONLY - STANDARD_WEBHOOK_SECRET not set, using demo secret: "
                            + ReceiverSettings.DEMO_STANDARD_SECRET);
            assertThat(receiver.out()).isEmpty();
        }
    }

    @Test
    void secretsFromTheEnvironmentAreUsedAndNeverPrinted() throws Exception {
        String exa = "exa_env_secret_7f3a";
        String encrata = "whsec_" + "e1".repeat(32);
        String standard = "whsec_ZW52aXJvbm1lbnQgc2VjcmV0IGZvciB0ZXN0cyE=";
        Map<String, String> environment = Map.of(
                "EXA_WEBHOOK_SECRET", exa, "ENCRATA_WEBHOOK_SECRET", encrata, "STANDARD_WEBHOOK_SECRET", standard);
        try (RunningReceiver receiver = RunningReceiver.with(environment)) {
            for (SampleProvider provider : SampleProvider.values()) {
                SendRequest genuine = request(receiver, provider, provider.defaultEvent())
                        .withSecret(environment.get(provider.secretVariable()));
                assertThat(sender.send(genuine).responses()).as(provider.id()).containsExactly(new Response(204, null));
                assertThat(sender.send(request(receiver, provider, provider.defaultEvent())).responses())
                        .as("the demo secret no longer works for " + provider.id())
                        .containsExactly(new Response(401, "no_matching_signature"));
            }

            String everything = receiver.out() + receiver.err();
            assertThat(everything).doesNotContain(exa, encrata, standard, "e1e1e1", "DEMO ONLY");
            assertThat(receiver.err()).contains(
                    "EXA_WEBHOOK_SECRET is set: using the secret from the environment",
                    "ENCRATA_WEBHOOK_SECRET is set: using the secret from the environment",
                    "STANDARD_WEBHOOK_SECRET is set: using the secret from the environment");
            assertThat(receiver.outLines()).hasSize(3);
        }
    }

    @Test
    void afterCloseNothingListens() throws Exception {
        URI uri;
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            uri = receiver.uri("exa");
        }
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(
                            new InetSocketAddress("localhost", uri.getPort()), 5_000))
                    .isInstanceOf(ConnectException.class);
        }
    }
}
