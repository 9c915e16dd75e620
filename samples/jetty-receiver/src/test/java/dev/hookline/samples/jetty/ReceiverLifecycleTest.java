package dev.hookline.samples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.cli.SampleProvider;
import dev.hookline.cli.SendRequest;
import dev.hookline.cli.Response;
import dev.hookline.cli.WebhookSender;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting and stopping the receiver: what it announces, which secrets it uses, and how it stops. */
class ReceiverLifecycleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** The providers the sample receiver has an endpoint for. */
    private static final List<SampleProvider> RECEIVED =
            List.of(SampleProvider.EXA, SampleProvider.ENCRATA, SampleProvider.STANDARD);

    private final WebhookSender sender = new WebhookSender();

    private static SendRequest request(RunningReceiver receiver, SampleProvider provider) {
        return SendRequest.of(provider, provider.defaultEvent(), receiver.uri(provider.id()));
    }

    @Test
    void startUpNamesTheThreeEndpointsOnTheBoundPortAndSaysReadyOnStandardError() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            int port = receiver.uri("exa").getPort();

            assertThat(port).isPositive();
            assertThat(receiver.err()).contains(
                    "Hookline sample receiver listening on port " + port + ":",
                    "  (on 127.0.0.1 only: set HOST=0.0.0.0 to let other machines deliver, once the demo secrets "
                            + "are replaced)",
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
            for (SampleProvider provider : RECEIVED) {
                SendRequest genuine = request(receiver, provider)
                        .withSecret(environment.get(provider.secretVariable()));
                assertThat(sender.send(genuine).responses()).as(provider.id()).containsExactly(new Response(204, null));
                assertThat(sender.send(request(receiver, provider)).responses())
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
    void aPortAlreadyTakenFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> RunningReceiver.with(Map.of("PORT", Integer.toString(taken.getLocalPort()))))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Failed to bind");
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

    @Test
    void aPathThatIsNoEndpointsIsANotFoundProblemNotAnHtmlPage() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/webhooks/exa/", "/webhooks/exaa", "/"}) {
                HttpResponse<String> response = post(client, receiver.uri("exa").resolve(path), "{}");

                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
                assertThat(response.body()).as(path).contains("\"reason\":\"no_endpoint\"").doesNotContain("<html");
            }
        }
    }

    @Test
    void aSenderKeepsItsConnectionAcrossNotFoundAnswers() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            HttpClient client = HttpClient.newHttpClient();
            String body = "{\"pad\":\"" + "x".repeat(2048) + "\"}";
            for (int i = 0; i < 300; i++) {
                HttpResponse<String> response =
                        post(client, receiver.uri("exa").resolve(i % 2 == 0 ? "/webhooks/exaa" : "/"), body);
                assertThat(response.statusCode()).as("request %d", i).isEqualTo(404);
                assertThat(response.headers().firstValue("Connection")).as("request %d", i).isEmpty();
            }
        }
    }

    @Test
    void aBodyTooLargeToReadClosesTheConnectionWithItsAnswer() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            URI uri = receiver.uri("exa");
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout((int) DEADLINE.toMillis());
                // the head alone: its declared length decides. Had the body followed, the server's close over bytes
                // it never read would reset the connection, and the client could lose the answer before reading it
                String head = "POST /webhooks/exaa HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + (NotFoundServlet.MAX_DRAIN + 1)
                        + "\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                // read to the end of the connection: only a server that closes it lets this return
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(response).startsWith("HTTP/1.1 404 ")
                        .containsIgnoringCase("\r\nConnection: close\r\n")
                        .contains("\"reason\":\"no_endpoint\"");
            }
        }
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
