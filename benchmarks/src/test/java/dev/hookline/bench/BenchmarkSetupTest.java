package dev.hookline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.bench.http.RequestFile;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.event.WebhookEvent;
import dev.hookline.signature.SignatureVerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each benchmark's setup makes inputs that verify: a benchmark of a failing verification would measure
 * the rejection path and be worthless. Fast; no measurement runs here.
 */
class BenchmarkSetupTest {

    @ParameterizedTest
    @ValueSource(ints = {1024, 16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024})
    void payloadsHaveTheExactSizeAndDistinctIds(int size) {
        Payloads payloads = Payloads.ofSize(size);
        byte[] first = payloads.withId(1);
        byte[] second = payloads.withId(2);
        assertThat(first).hasSize(size);
        assertThat(second).hasSize(size);
        assertThat(new String(first, StandardCharsets.UTF_8)).contains("\"" + Payloads.id(1) + "\"");
        assertThat(Arrays.equals(first, second)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 64 * 1024})
    void everyVerifierAcceptsWhatTheSetupSigned(int size) throws Exception {
        VerifyBenchmark benchmark = new VerifyBenchmark();
        benchmark.size = size;
        benchmark.setup(); // verifies once with each library and throws if any rejects

        benchmark.hooklineStandardWebhooks();
        benchmark.hooklineStandardWebhooksEd25519();
        benchmark.standardWebhooksLibrary();
        benchmark.svixLibrary();
        benchmark.rawHmacStandardWebhooks();
        benchmark.hooklineStripe();
        benchmark.stripeJava();
        benchmark.rawHmacStripe();
    }

    @Test
    void aTamperedBodyFailsEveryVerifier() throws Exception {
        VerifyBenchmark benchmark = new VerifyBenchmark();
        benchmark.size = 1024;
        benchmark.setup();
        benchmark.body[100] ^= 1;
        benchmark.payload = new String(benchmark.body, StandardCharsets.UTF_8);

        assertThatThrownBy(benchmark::hooklineStandardWebhooks).isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(benchmark::hooklineStandardWebhooksEd25519).isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(benchmark::standardWebhooksLibrary).isInstanceOf(Exception.class);
        assertThatThrownBy(benchmark::svixLibrary).isInstanceOf(Exception.class);
        assertThatThrownBy(benchmark::rawHmacStandardWebhooks).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(benchmark::hooklineStripe).isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(benchmark::stripeJava).isInstanceOf(Exception.class);
        assertThatThrownBy(benchmark::rawHmacStripe).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theEndpointAcceptsEveryDeliveryOfTheRingEvenWhenItComesRound() {
        EndpointBenchmark benchmark = new EndpointBenchmark();
        benchmark.size = 1024;
        benchmark.ringSizeOverride = 256;
        benchmark.setup();
        for (int i = 0; i < 3 * 256; i++) {
            assertThat(benchmark.receive().status()).isEqualTo(Outcome.Status.ACCEPTED);
        }
        assertThat(EndpointBenchmark.lastItem).isNotNull();
        assertThat(EndpointBenchmark.lastItem.properties()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1024", WholePathBenchmark.FIXTURE})
    void everyWholePathBenchmarkSucceedsEvenWhenTheRingComesRound(String body) throws Exception {
        // JMH runs each method in a fork of its own: so does this, each on a fresh state
        for (int method = 0; method < 4; method++) {
            WholePathBenchmark benchmark = new WholePathBenchmark();
            benchmark.body = body;
            benchmark.ringSizeOverride = 64;
            benchmark.setup(); // runs each path once and throws if one fails
            for (int i = 0; i < 3 * 64; i++) {
                switch (method) {
                    case 0 -> assertThat(benchmark.hookline().status()).isEqualTo(Outcome.Status.ACCEPTED);
                    case 1 -> assertThat(benchmark.floor().data().properties()).isNotNull();
                    case 2 -> assertThat(benchmark.accept()).isInstanceOf(dev.hookline.Acceptance.Verified.class);
                    default -> benchmark.acceptFloor();
                }
            }
        }
        assertThat(WholePathBenchmark.lastItem.properties()).isNotNull();
    }

    @Test
    void theFixtureIsTheStoredFileWithDistinctIds() {
        Payloads payloads = Payloads.fixture();
        assertThat(payloads.size()).isEqualTo(1878);
        assertThat(new String(payloads.withId(7), StandardCharsets.UTF_8)).contains("\"" + Payloads.id(7) + "\"")
                .contains("\n  \"data\": {");
    }

    @Test
    void ringsAreBoundedAndPowersOfTwo() {
        for (int size : new int[] {1024, 16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024}) {
            int ring = EndpointBenchmark.ringSize(size);
            assertThat(Integer.bitCount(ring)).isEqualTo(1);
            assertThat(ring).isBetween(64, 131_072);
            assertThat((long) ring * size).isLessThanOrEqualTo(EndpointBenchmark.RING_BYTES);
        }
    }

    @Test
    void theRequestFileHoldsSignedDeliveriesTheServerAccepts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.bin");
        RequestFile.main(new String[] {"--out", file.toString(), "--count", "3", "--size", "1024", "--port", "18080"});

        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(Secrets.EXA).build();
        List<RequestFile.Request> requests = RequestFile.read(file);
        assertThat(requests).hasSize(3);
        for (RequestFile.Request request : requests) {
            assertThat(request.path()).isEqualTo("/webhooks/exa");
            assertThat(request.headers()).containsEntry("Content-Length", "1024");
            assertThat(endpoint.receive(Delivery.of(Headers.of(request.headers()), request.body())).status())
                    .isEqualTo(Outcome.Status.ACCEPTED);
        }
    }

    @Test
    void theStandardWebhooksRequestFileHoldsDistinctIdsThatBothVerifiersAccept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.bin");
        RequestFile.main(new String[] {"--out", file.toString(), "--count", "3", "--size", "1024", "--port", "18080",
                "--first", "5", "--provider", "standard", "--path", "/webhooks/hookline"});

        List<WebhookEvent> handled = new ArrayList<>();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.standardWebhooks())
                .secret(Secrets.STANDARD_WEBHOOKS).on(StandardDeliveries.TYPE, handled::add).build();
        com.standardwebhooks.Webhook library = new com.standardwebhooks.Webhook(Secrets.STANDARD_WEBHOOKS);
        List<RequestFile.Request> requests = RequestFile.read(file);
        assertThat(requests).extracting(request -> request.headers().get("webhook-id"))
                .containsExactly(StandardDeliveries.id(5), StandardDeliveries.id(6), StandardDeliveries.id(7));
        for (RequestFile.Request request : requests) {
            assertThat(request.path()).isEqualTo("/webhooks/hookline");
            assertThat(request.body()).hasSize(1024);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
            library.verify(new String(request.body(), StandardCharsets.UTF_8), headers); // throws if it rejects

            Outcome outcome = endpoint.receive(Delivery.of(Headers.of(request.headers()), request.body()));
            assertThat(outcome.status()).isEqualTo(Outcome.Status.ACCEPTED);
            assertThat(outcome.eventId()).isEqualTo(request.headers().get("webhook-id"));
        }
        assertThat(handled).hasSize(3).allSatisfy(event -> assertThat(event.data().get("lines").size()).isEqualTo(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {600, 1024, 4096})
    void standardWebhooksBodiesHaveTheExactSize(int size) {
        assertThat(new StandardDeliveries(size).body()).hasSize(size);
        assertThatThrownBy(() -> new StandardDeliveries(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smaller than the smallest event");
    }

    @Test
    void theDeduplicationBenchmarkTakesTheNewEventPathEveryTimeEvenPastTheStoresCapacity() throws Exception {
        DeduplicatorBenchmark.Stores stores = new DeduplicatorBenchmark.Stores();
        DeduplicatorBenchmark.Ids ids = new DeduplicatorBenchmark.Ids();
        ids.setup(stores);
        for (int i = 0; i < 150_000; i++) {
            assertThat(DeduplicatorBenchmark.striped(stores, ids)).isTrue();
            assertThat(DeduplicatorBenchmark.singleLock(stores, ids)).isTrue();
        }
        assertThat(stores.striped.completedCount()).as("never more than its capacity").isEqualTo(100_000);
        assertThat(stores.striped.inFlightCount()).isZero();
    }
}
