package dev.hookline.bench.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.bench.Secrets;
import dev.hookline.bench.http.RequestFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's application as the runner uses it, on a free port: the request generator's deliveries over HTTP to
 * each endpoint, and the counts {@code /stats} reports. Checks the setup only; nothing is timed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringHttpBenchApplicationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    /** Set by the client itself, which refuses them. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length");
    private static final List<String> ENDPOINTS = List.of("hookline", "handwritten", "bare");

    @LocalServerPort
    int port;

    @Value("${bench.secret}")
    String secret;

    @TempDir
    Path dir;

    @Test
    void theApplicationVerifiesWithTheSecretTheGeneratorSignsWith() {
        assertThat(secret).isEqualTo(Secrets.STANDARD_WEBHOOKS);
    }

    @Test
    void everyEndpointAnswers204ToEveryGeneratedDeliveryAndCountsIt() throws Exception {
        Map<String, Long> before = stats();
        for (int i = 0; i < ENDPOINTS.size(); i++) {
            for (RequestFile.Request request : generate(ENDPOINTS.get(i), 1_000 + 100 * i, 3)) {
                assertThat(send(request)).as(request.path()).isEqualTo(204);
            }
        }

        assertThat(changes(before, stats())).isEqualTo(Map.of(
                "hookline_handled", 3L, "hookline_accepted", 3L, "handwritten_handled", 3L, "bare_handled", 3L));
    }

    @Test
    void aTamperedSignatureIsRefusedWith401ByBothVerifyingEndpoints() throws Exception {
        Map<String, Long> before = stats();
        for (String endpoint : List.of("hookline", "handwritten")) {
            RequestFile.Request request = generate(endpoint, 2_000, 1).get(0);
            Map<String, String> headers = new HashMap<>(request.headers());
            String signature = headers.get("webhook-signature");
            int at = "v1,".length() + 5; // a character whose every bit is the signature's
            headers.put("webhook-signature", signature.substring(0, at)
                    + (signature.charAt(at) == 'A' ? 'B' : 'A') + signature.substring(at + 1));

            assertThat(send(new RequestFile.Request(request.path(), headers, request.body()))).as(endpoint)
                    .isEqualTo(401);
        }

        assertThat(changes(before, stats())).isEqualTo(Map.of("hookline_rejected", 1L, "handwritten_rejected", 1L));
    }

    @Test
    void aRepeatedWebhookIdIsADuplicateThatHooklineAcknowledgesWithoutHandlingAgain() throws Exception {
        RequestFile.Request request = generate("hookline", 3_000, 1).get(0);
        Map<String, Long> before = stats();

        assertThat(send(request)).isEqualTo(204);
        assertThat(send(request)).isEqualTo(204);

        assertThat(changes(before, stats())).isEqualTo(Map.of(
                "hookline_handled", 1L, "hookline_accepted", 1L, "hookline_duplicate", 1L));
    }

    /** Requests as the runner's files hold them, signed now, of the events {@code first} on. */
    private List<RequestFile.Request> generate(String endpoint, long first, int count) throws Exception {
        Path file = dir.resolve(endpoint + "-" + first + ".bin");
        RequestFile.main(new String[] {"--out", file.toString(), "--count", Integer.toString(count), "--size", "1024",
                "--port", Integer.toString(port), "--first", Long.toString(first), "--provider", "standard",
                "--path", "/webhooks/" + endpoint});
        return RequestFile.read(file);
    }

    private int send(RequestFile.Request request) throws Exception {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!CLIENT_HEADERS.contains(name.toLowerCase())) {
                http.header(name, value);
            }
        });
        return CLIENT.send(http.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Map<String, Long> stats() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats"))
                .timeout(TIMEOUT).build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Long> counts = new HashMap<>();
        JsonMapper.builder().build().readTree(response.body()).properties()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue().longValue()));
        return counts;
    }

    /** The counts that changed, by how much. */
    private static Map<String, Long> changes(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> changes = new HashMap<>();
        after.forEach((key, count) -> {
            long change = count - before.getOrDefault(key, 0L);
            if (change != 0) {
                changes.put(key, change);
            }
        });
        return changes;
    }
}
