package dev.hookline.spring;

import static dev.hookline.spring.TestDeliveries.ENCRATA_SECRET;
import static dev.hookline.spring.TestDeliveries.EXA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read deadline on each servlet container the starter supports: a body shorter than its Content-Length, from
 * a client that keeps the connection open, is answered 408 with a problem at the deadline (configured here to
 * {@value #DEADLINE_MILLIS} ms), long before the container's idle timeout (set to 20 s) would end the wait, and is
 * counted as refused. A subclass per container picks it by excluding the other's web server auto-configuration.
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "hookline.endpoints.exa.path=/webhooks/exa",
                "hookline.endpoints.exa.secrets[0]=" + EXA_SECRET,
                "hookline.endpoints.exa.body-read-timeout=" + ContainerBodyReadTimeoutTest.DEADLINE_MILLIS + "ms",
                "hookline.endpoints.encrata.path=/webhooks/encrata",
                "hookline.endpoints.encrata.secrets[0]=" + ENCRATA_SECRET,
                "hookline.endpoints.metered.provider=exa",
                "hookline.endpoints.metered.path=/webhooks/metered",
                "hookline.endpoints.metered.secrets[0]=" + EXA_SECRET,
                "server.tomcat.connection-timeout=20s",
                "server.jetty.connection-idle-timeout=20s",
                "spring.security.user.name=admin",
                "spring.security.user.password=" + WebhookApplicationTest.PASSWORD,
                "spring.main.banner-mode=off" })
abstract class ContainerBodyReadTimeoutTest {

    static final long DEADLINE_MILLIS = 500;

    private static final Duration DEADLINE = Duration.ofMillis(DEADLINE_MILLIS);

    /** Well past the deadline on a busy machine, well before the containers' 20-second idle timeout. */
    private static final Duration WELL_BEFORE_IDLE_TIMEOUT = Duration.ofSeconds(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    MeterRegistry registry;

    @Autowired
    WebhookApplication.ExaHandlers exa;

    /** The simple name of the web server class this test must run on. */
    abstract String webServer();

    @Test
    void runsOnItsContainer() {
        assertThat(context.getWebServer().getClass().getSimpleName()).isEqualTo(webServer());
    }

    @Test
    void aBodyShorterThanItsContentLengthOnAnOpenConnectionIs408AtTheDeadline() throws Exception {
        byte[] body = TestDeliveries.exaItemCreated("evt_cut_short_" + webServer(), "witem_cut_short");
        Map<String, String> headers = new LinkedHashMap<>(TestDeliveries.signExa(body));
        headers.put("Content-Type", "application/json");
        headers.put("Content-Length", Integer.toString(body.length));

        String response;
        Duration elapsed;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head("/webhooks/exa", headers));
            out.write(body, 0, body.length - 10);
            out.flush();
            // the rest never comes, and the connection stays open
            response = readResponse(socket.getInputStream());
            elapsed = Duration.ofNanos(System.nanoTime() - start);
        }

        assertThat(response).startsWith("HTTP/1.1 408 ");
        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        assertThat(head).containsPattern("(?im)^Content-Type: application/problem\\+json\\s*$")
                .containsPattern("(?im)^Connection: close\\s*$");
        Map<?, ?> problem = JSON.readValue(response.substring(head.length() + 4), Map.class);
        assertThat(problem.get("status")).isEqualTo(408);
        assertThat(problem.get("title")).isEqualTo("Request Timeout");
        assertThat(problem.get("reason")).isEqualTo("body_read_timeout");
        assertThat(response).doesNotContain("<html", "Exception", "Jetty", "Tomcat", EXA_SECRET,
                TestDeliveries.PAYLOAD_MARKER);
        assertThat(elapsed).isGreaterThanOrEqualTo(DEADLINE).isLessThan(WELL_BEFORE_IDLE_TIMEOUT);
        assertThat(exa.items).doesNotContain("witem_cut_short");
        assertThat(registry.get(HooklineMetrics.DELIVERIES).tags("endpoint", "exa", "type", HooklineMetrics.NONE,
                "outcome", HooklineMetrics.REFUSED, "reason", "body_read_timeout").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aWholeBodyIsDeliveredAsUsual() throws Exception {
        byte[] body = TestDeliveries.exaItemCreated("evt_whole_" + webServer(), "witem_whole_" + webServer());
        Map<String, String> headers = new LinkedHashMap<>(TestDeliveries.signExa(body));
        headers.put("Content-Length", Integer.toString(body.length));

        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("/webhooks/exa", headers));
            out.write(body);
            out.flush();
            response = readResponse(socket.getInputStream());
        }

        assertThat(response).startsWith("HTTP/1.1 204 ");
        assertThat(exa.items).containsOnlyOnce("witem_whole_" + webServer());
    }

    private static byte[] head(String path, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One response: the head, and a body of its Content-Length. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)").matcher(text);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return text + new String(body, StandardCharsets.UTF_8);
    }
}
