package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureVerificationException;
import dev.hookline.signature.SignatureVerifier;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SampleDeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final URI URL = URI.create("http://127.0.0.1:9/webhooks");
    private static final Instant NOW = Instant.parse("2026-06-01T10:15:30.250Z");

    static Stream<Arguments> everyEvent() {
        List<Arguments> all = new ArrayList<>();
        for (SampleProvider provider : SampleProvider.values()) {
            for (String event : SamplePayloads.events(provider)) {
                all.add(Arguments.of(provider, event));
            }
        }
        return all.stream();
    }

    private static SignatureVerifier verifier(SampleProvider provider, Instant now) {
        return SignatureVerifier.builder(provider.scheme()).secret(provider.demoSecret())
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    @Test
    void everyCatalogueEventHasASamplePayload() {
        assertThat(SamplePayloads.events(SampleProvider.EXA)).hasSize(19);
        assertThat(SamplePayloads.events(SampleProvider.ENCRATA)).hasSize(7);
        // monitor.run.completed is both an Exa and an Encrata type
        assertThat(SamplePayloads.events(SampleProvider.STANDARD)).hasSize(25).doesNotHaveDuplicates();
        everyEvent().forEach(arguments -> assertThat(
                SamplePayloads.read((SampleProvider) arguments.get()[0], (String) arguments.get()[1])).isNotEmpty());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEvent")
    void everySampleIsSignedSoThatTheProvidersVerifierAcceptsIt(SampleProvider provider, String event)
            throws Exception {
        SampleDelivery delivery = SampleDelivery.prepare(SendRequest.of(provider, event, URL), NOW);

        verifier(provider, NOW).verify(Headers.of(delivery.headers()), delivery.body());
        JsonNode body = JSON.readTree(delivery.body());
        switch (provider) {
            case EXA -> {
                assertThat(body.get("type").asString()).isEqualTo(event);
                assertThat(body.get("id").asString()).isEqualTo(delivery.eventId()).startsWith("event_");
                assertThat(body.get("createdAt").asString()).isEqualTo("2026-06-01T10:15:30.250Z");
            }
            case ENCRATA -> {
                assertThat(body.get("event").asString()).isEqualTo(event);
                assertThat(body.get("created_at").asString()).isEqualTo("2026-06-01T10:15:30.250Z");
                assertThat(delivery.eventId()).isEqualTo(sha256Hex(delivery.body()));
            }
            case STANDARD -> {
                assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
                assertThat(body.get("type").asString()).isEqualTo(event);
                assertThat(body.get("timestamp").asString()).isEqualTo("2026-06-01T10:15:30.250Z");
                JsonNode sample = JSON.readTree(SamplePayloads.read(SamplePayloads.source(provider, event), event));
                assertThat(body.get("data")).isEqualTo(sample.get("data"));
                assertThat(delivery.headers().get("webhook-id")).isEqualTo(delivery.eventId()).startsWith("msg_");
            }
            case SVIX -> {
                assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
                assertThat(delivery.headers().get("svix-id")).isEqualTo(delivery.eventId()).startsWith("msg_");
            }
            case STRIPE -> {
                assertThat(body.propertyNames()).containsExactly("id", "object", "type", "created", "data");
                assertThat(body.get("id").asString()).isEqualTo(delivery.eventId()).startsWith("evt_");
                assertThat(body.get("created").asLong()).isEqualTo(NOW.getEpochSecond());
                JsonNode sample = JSON.readTree(SamplePayloads.read(SamplePayloads.source(provider, event), event));
                assertThat(body.get("data").get("object")).isEqualTo(sample.get("data"));
            }
            case GITHUB -> {
                JsonNode sample = JSON.readTree(SamplePayloads.read(SamplePayloads.source(provider, event), event));
                assertThat(body).isEqualTo(sample.get("data"));
                assertThat(delivery.headers()).containsEntry("X-GitHub-Event", event)
                        .containsEntry("X-GitHub-Delivery", delivery.eventId());
            }
        }
    }

    @Test
    void standardWebhooksBorrowsExasPayloadForANameBothHave() {
        assertThat(SamplePayloads.source(SampleProvider.STANDARD, "monitor.run.completed")).isEqualTo(SampleProvider.EXA);
        assertThat(SamplePayloads.source(SampleProvider.STANDARD, "credits.low")).isEqualTo(SampleProvider.ENCRATA);
    }

    @Test
    void eachDeliveryIsANewEvent() {
        for (SampleProvider provider : SampleProvider.values()) {
            SendRequest request = SendRequest.of(provider, provider.defaultEvent(), URL);
            SampleDelivery first = SampleDelivery.prepare(request, NOW);
            SampleDelivery second = SampleDelivery.prepare(request, NOW.plusMillis(1));

            assertThat(second.eventId()).as(provider.id()).isNotEqualTo(first.eventId());
        }
    }

    @Test
    void aTamperedBodyNoLongerMatchesItsSignatureAndDiffersInOneBit() throws Exception {
        for (SampleProvider provider : SampleProvider.values()) {
            SendRequest request = SendRequest.of(provider, provider.defaultEvent(), URL).withTamper();
            SampleDelivery delivery = SampleDelivery.prepare(request, NOW);

            assertThatThrownBy(() -> verifier(provider, NOW).verify(Headers.of(delivery.headers()), delivery.body()))
                    .as(provider.id())
                    .isInstanceOfSatisfying(SignatureVerificationException.class,
                            e -> assertThat(e.failure()).isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE));
            byte[] body = delivery.body();
            body[body.length / 2] ^= 0x01;
            verifier(provider, NOW).verify(Headers.of(delivery.headers()), body);
        }
    }

    @Test
    void anOldTimestampIsSignedTenMinutesBeforeNow() throws Exception {
        for (SampleProvider provider : List.of(SampleProvider.EXA, SampleProvider.STANDARD)) {
            SendRequest request = SendRequest.of(provider, provider.defaultEvent(), URL).withOldTimestamp();
            SampleDelivery delivery = SampleDelivery.prepare(request, NOW);
            Instant tenMinutesAgo = NOW.minusSeconds(600);

            assertThatThrownBy(() -> verifier(provider, NOW).verify(Headers.of(delivery.headers()), delivery.body()))
                    .as(provider.id())
                    .isInstanceOfSatisfying(SignatureVerificationException.class,
                            e -> assertThat(e.failure()).isEqualTo(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE));
            verifier(provider, tenMinutesAgo).verify(Headers.of(delivery.headers()), delivery.body());
        }
    }

    @Test
    void noStringFormShowsTheSecretOrTheBody() {
        SendRequest request = SendRequest.of(SampleProvider.ENCRATA, "lookup.completed", URL);
        SampleDelivery delivery = SampleDelivery.prepare(request, NOW);

        assertThat(request + " " + delivery).doesNotContain(DemoSecrets.ENCRATA, "satya", "X-Encrata-Signature");
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
