package dev.hookline.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.providers.FakeProviderServer.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API key and a webhook's secret appear nowhere but where the caller reads them on purpose: not in a log
 * line (every level), a {@code toString()}, or an exception's message, cause or stack, whatever fails.
 */
class SecretsNeverShownTest {

    private static final String EXA_KEY = "exa_key_SENSITIVE_0001";
    private static final String ENCRATA_KEY = "enc_key_SENSITIVE_0002";
    private static final String SECRET = "whsec_SENSITIVE_SECRET_0003";

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger("dev.hookline.providers");
    private Level previousLevel;
    private FakeProviderServer server;

    @BeforeEach
    void start() throws Exception {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        server = new FakeProviderServer();
    }

    @AfterEach
    void stop() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
        server.close();
    }

    @Test
    void neitherKeyNorSecretLeaksThroughLogsToStringsOrExceptions() {
        String created = "{\"id\":\"w\",\"object\":\"webhook\",\"secret\":\"" + SECRET + "\"}";
        server.enqueue("POST", "/v0/webhooks",
                Response.json(429, "{\"message\":\"busy " + EXA_KEY + "\"}").withHeader("Retry-After", "1"),
                Response.json(200, created),
                Response.json(200, "{\"id\":\"w\",\"secret\":\"" + SECRET + "\",\"createdAt\":{\"bad\":1}}"),
                Response.json(400, "{\"message\":\"secret " + SECRET + " and key " + EXA_KEY + "\"}"));
        server.enqueue("POST", "/api/webhooks",
                Response.json(500, "{\"error\":{\"message\":\"Bearer " + ENCRATA_KEY + " failed\"}}"),
                Response.json(200, "{\"id\":\"e\",\"secret\":\"" + SECRET + "\",\"is_active\":\"maybe\"}"),
                Response.json(201, "{\"id\":\"e\",\"secret\":\"" + SECRET + "\"}"));
        RecordingSleeper sleeper = new RecordingSleeper();
        ExaClient exa = ExaClient.builder(EXA_KEY).baseUrl(server.url()).sleeper(sleeper).build();
        EncrataClient encrata = EncrataClient.builder(ENCRATA_KEY).baseUrl(server.url()).sleeper(sleeper).build();

        List<Object> shown = new ArrayList<>();
        shown.add(exa);
        shown.add(encrata);
        ExaWebhook exaWebhook = exa.createWebhook("https://example.com", List.of("webset.idle"), null);
        assertThat(exaWebhook.secret()).isEqualTo(SECRET);
        shown.add(exaWebhook);
        shown.add(failure(() -> exa.createWebhook("https://example.com", List.of("webset.idle"), null)));
        shown.add(failure(() -> exa.createWebhook("https://example.com", List.of("webset.idle"), null)));
        shown.add(failure(() -> encrata.createWebhook("https://example.com", List.of("credits.low"), null)));
        shown.add(failure(() -> encrata.createWebhook("https://example.com", List.of("credits.low"), null)));
        EncrataWebhook encrataWebhook = encrata.createWebhook("https://example.com", List.of("credits.low"), null);
        assertThat(encrataWebhook.secret()).isEqualTo(SECRET);
        shown.add(encrataWebhook);

        assertThat(logged).isNotEmpty(); // the 429 retry was logged
        StringBuilder everything = new StringBuilder();
        for (LogRecord record : logged) {
            everything.append(record.getMessage()).append('\n');
        }
        for (Object value : shown) {
            everything.append(value).append('\n');
            if (value instanceof Throwable thrown) {
                for (Throwable t = thrown; t != null; t = t.getCause()) {
                    everything.append(t.getMessage()).append('\n');
                    for (StackTraceElement element : t.getStackTrace()) {
                        everything.append(element).append('\n');
                    }
                }
            }
        }
        assertThat(everything.toString()).doesNotContain(EXA_KEY, ENCRATA_KEY, SECRET, "SENSITIVE");
        assertThat(everything.toString()).contains("******", "[masked]");
    }

    private static ProviderApiException failure(Runnable call) {
        try {
            call.run();
        } catch (ProviderApiException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }
}
