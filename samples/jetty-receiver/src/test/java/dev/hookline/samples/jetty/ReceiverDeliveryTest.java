package dev.hookline.samples.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.cli.SampleDelivery;
import dev.hookline.cli.SamplePayloads;
import dev.hookline.cli.SampleProvider;
import dev.hookline.cli.SendReport;
import dev.hookline.cli.SendRequest;
import dev.hookline.cli.Response;
import dev.hookline.cli.WebhookSender;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the receiver prints and answers for each kind of delivery, end to end: real Jetty on a free port,
 * deliveries made by the code of {@code hookline send}. One receiver serves every test (a stop waits for the
 * client's idle connections); its output is cleared before each, and every delivery is a new event.
 */
class ReceiverDeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static RunningReceiver receiver;

    private final WebhookSender sender = new WebhookSender();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = RunningReceiver.withDemoSecrets();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void clearOutput() {
        receiver.clearOutput();
    }

    private static SendRequest request(SampleProvider provider, String event) {
        return SendRequest.of(provider, event, receiver.uri(provider.id()));
    }

    /** The id the receiver must print, worked out from what went over the wire rather than from the sender. */
    private static String wireId(SampleDelivery delivery) throws Exception {
        return switch (delivery.request().provider()) {
            case EXA -> JSON.readTree(delivery.body()).get("id").asString();
            case ENCRATA -> HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(delivery.body()));
            case STANDARD -> delivery.headers().get("webhook-id");
            default -> throw new IllegalArgumentException("the sample receiver has no endpoint for "
                    + delivery.request().provider().id());
        };
    }

    @ParameterizedTest
    @EnumSource(value = SampleProvider.class, names = {"EXA", "ENCRATA", "STANDARD"})
    void everySampleEventIsHandledWithExactlyOneLineOnStandardOutput(SampleProvider provider) throws Exception {
        List<String> expected = new ArrayList<>();
        for (String event : SamplePayloads.events(provider)) {
            SendReport report = sender.send(request(provider, event));

            assertThat(report.responses()).as(event).containsExactly(new Response(204, null));
            expected.add("handled provider=" + provider.id() + " type=" + event + " id=" + wireId(report.delivery()));
        }

        assertThat(expected).hasSize(SamplePayloads.events(provider).size());
        assertThat(receiver.outLines()).containsExactlyElementsOf(expected);
    }

    @Test
    void typedHandlersAndTheCatchAllWriteToStandardErrorOnly() throws Exception {
        sender.send(request(SampleProvider.EXA, "webset.item.created"));
        sender.send(request(SampleProvider.EXA, "webset.search.completed"));
        sender.send(request(SampleProvider.EXA, "import.created"));
        sender.send(request(SampleProvider.ENCRATA, "lookup.completed"));
        sender.send(request(SampleProvider.ENCRATA, "credits.low"));
        SendReport other = sender.send(request(SampleProvider.ENCRATA, "apikey.revoked"));

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

    @ParameterizedTest
    @EnumSource(value = SampleProvider.class, names = {"EXA", "ENCRATA", "STANDARD"})
    void aDuplicateGets204AndPrintsNothing(SampleProvider provider) throws Exception {
        SendReport report = sender.send(request(provider, provider.defaultEvent()).withTwice());

        assertThat(report.responses()).containsExactly(new Response(204, null), new Response(204, null));
        assertThat(receiver.outLines()).containsExactly("handled provider=" + provider.id() + " type="
                + provider.defaultEvent() + " id=" + wireId(report.delivery()));
    }

    @ParameterizedTest
    @EnumSource(value = SampleProvider.class, names = {"EXA", "ENCRATA", "STANDARD"})
    void aTamperedBodyGets401AndPrintsNothing(SampleProvider provider) throws Exception {
        SendReport report = sender.send(request(provider, provider.defaultEvent()).withTamper());

        assertThat(report.responses()).containsExactly(new Response(401, "no_matching_signature"));
        assertThat(receiver.out()).isEmpty();
        assertThat(receiver.err()).doesNotContain("[" + provider.id() + "]");
    }

    @ParameterizedTest
    @EnumSource(value = SampleProvider.class, names = {"EXA", "STANDARD"})
    void anOldTimestampGets401AndPrintsNothing(SampleProvider provider) throws Exception {
        SendReport report = sender.send(request(provider, provider.defaultEvent()).withOldTimestamp());

        assertThat(report.responses()).containsExactly(new Response(401, "timestamp_outside_tolerance"));
        assertThat(receiver.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE"})
    void anythingButPostGets405AndPrintsNothing(String method) throws Exception {
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
