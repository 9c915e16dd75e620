package dev.hookline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs sample events and posts them with the JDK's {@link HttpClient}.
 *
 * <pre>{@code
 * SendReport report = new WebhookSender().send(
 *         SendRequest.of(SampleProvider.EXA, "webset.item.created", URI.create("http://localhost:8080/webhooks/exa")));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WebhookSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Clock clock;

    /** A sender signing with the system clock. */
    public WebhookSender() {
        this(Clock.systemUTC());
    }

    /**
     * A sender signing with the given clock.
     *
     * @param clock gives the signing time
     */
    public WebhookSender(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /**
     * Prepares the delivery a request asks for and posts it, twice if asked.
     *
     * @param request what to send
     * @return the delivery and the answers
     * @throws IOException if the receiver cannot be reached
     * @throws InterruptedException if interrupted while waiting for an answer
     */
    public SendReport send(SendRequest request) throws IOException, InterruptedException {
        SampleDelivery delivery = SampleDelivery.prepare(request, clock.instant());
        List<Response> responses = new ArrayList<>(2);
        responses.add(post(delivery));
        if (request.twice()) {
            responses.add(post(delivery));
        }
        return new SendReport(delivery, responses);
    }

    /**
     * Posts a prepared delivery once.
     *
     * @param delivery the delivery
     * @return the answer
     * @throws IOException if the receiver cannot be reached
     * @throws InterruptedException if interrupted while waiting for an answer
     */
    public Response post(SampleDelivery delivery) throws IOException, InterruptedException {
        return post(delivery.request().url(), delivery.headers(), delivery.body());
    }

    /**
     * Posts a signed JSON body once.
     *
     * @param url where to post it
     * @param signatureHeaders the headers the signature travels in
     * @param body the body, exactly as signed
     * @return the answer, with the problem's reason when the receiver refused it
     * @throws IOException if the receiver cannot be reached
     * @throws InterruptedException if interrupted while waiting for an answer
     */
    public Response post(URI url, Map<String, String> signatureHeaders, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signatureHeaders.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), problemReason(response));
    }

    private static String problemReason(HttpResponse<String> response) {
        boolean problem = response.headers().firstValue("Content-Type")
                .map(type -> type.startsWith("application/problem+json"))
                .orElse(false);
        if (!problem || response.body().isEmpty()) {
            return null;
        }
        try {
            JsonNode reason = JSON.readTree(response.body()).get("reason");
            return reason != null && reason.isString() ? reason.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
