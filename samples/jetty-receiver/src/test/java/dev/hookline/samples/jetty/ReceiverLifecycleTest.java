package dev.hookline.samples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.samples.sender.SampleDelivery;
import dev.hookline.samples.sender.SampleProvider;
import dev.hookline.samples.sender.SendRequest;
import dev.hookline.samples.sender.Response;
import dev.hookline.samples.sender.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Starting and stopping the receiver: what it announces, which secrets it uses, and how it stops. */
class ReceiverLifecycleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

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
    void aDeliveryAlreadyArrivingWhenTheReceiverStopsIsStillHandled() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.withDemoSecrets()) {
            SampleDelivery delivery = SampleDelivery.prepare(request(receiver, SampleProvider.EXA), Instant.now());
            byte[] body = delivery.body();
            StringBuilder head = new StringBuilder("POST /webhooks/exa HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
            delivery.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");

            int port = receiver.port();
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout((int) DEADLINE.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, body.length / 2);
                out.flush();
                await("the delivery is being handled", () -> receiver.requestsInProgress() == 1);

                CompletableFuture<Void> stopping = CompletableFuture.runAsync(receiver::close);
                await("the receiver takes no new connections", () -> refusesConnections(port));
                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();

                assertThat(statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 204 No Content");
                stopping.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(receiver.outLines()).containsExactly(
                    "handled provider=exa type=webset.item.created id=" + delivery.eventId());
            assertThat(receiver.err()).contains("Stopping...", "Stopped.");
        }
    }

    private static void await(String condition, BooleanSupplier met) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!met.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not met within " + DEADLINE + ": " + condition);
            }
            Thread.onSpinWait();
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("localhost", port), 1_000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }
}
