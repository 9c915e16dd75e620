package dev.hookline.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.Providers;
import dev.hookline.signature.SignatureScheme;
import dev.hookline.signature.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/** The receiver as it runs, on a free port: signed deliveries over HTTP and the lines it prints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SpringReceiverApplicationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    DemoSecretNotice notice;

    private int post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Signs with the secret the receiver is using: the demo one unless the environment sets another. */
    private Map<String, String> sign(String endpoint, SignatureScheme scheme, byte[] body) {
        String secret = environment.getProperty("hookline.endpoints." + endpoint + ".secrets[0]");
        return WebhookSigner.of(scheme, secret).sign(body);
    }

    @Test
    void printsOneHandledLinePerHandledEventAndRefusesForgeries(CapturedOutput output) throws Exception {
        byte[] exa = ("{\"id\":\"evt_sample_1\",\"object\":\"event\",\"type\":\"webset.item.created\",\"data\":"
                + "{\"id\":\"witem_1\",\"object\":\"webset_item\",\"source\":\"search\",\"websetId\":\"webset_1\"},"
                + "\"createdAt\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] encrata = ("{\"event\":\"lookup.completed\",\"data\":{\"email\":\"ada@example.com\",\"lookup_id\":"
                + "\"lu_1\"},\"created_at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] forged = ("{\"id\":\"evt_forged\",\"object\":\"event\",\"type\":\"webset.deleted\",\"data\":{},"
                + "\"createdAt\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(post("/webhooks/exa", exa, sign("exa", Providers.exa().scheme(), exa))).isEqualTo(204);
        assertThat(post("/webhooks/exa", exa, sign("exa", Providers.exa().scheme(), exa)))
                .as("a redelivery is acknowledged and prints nothing").isEqualTo(204);
        assertThat(post("/webhooks/encrata", encrata, sign("encrata", Providers.encrata().scheme(), encrata)))
                .isEqualTo(204);
        assertThat(post("/webhooks/exa", forged,
                WebhookSigner.of(Providers.exa().scheme(), "not_the_receivers_secret").sign(forged))).isEqualTo(401);

        String encrataId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encrata));
        assertThat(output.getOut().lines().filter(line -> !line.isBlank()).toList()).isEqualTo(List.of(
                "handled provider=exa type=webset.item.created id=evt_sample_1",
                "handled provider=encrata type=lookup.completed id=" + encrataId));
    }

    @Test
    void theStartUpNoticeListsEveryEndpointsUrlOnStandardError(CapturedOutput output) {
        notice.announce();

        assertThat(output.getErr()).contains("Hookline sample receiver listening on port " + port + ":",
                "  POST http://localhost:" + port + "/webhooks/exa",
                "  POST http://localhost:" + port + "/webhooks/encrata",
                "  POST http://localhost:" + port + "/webhooks/standard");
        assertThat(output.getOut()).doesNotContain("POST http");
    }
}
