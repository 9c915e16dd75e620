package dev.hookline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.bench.http.RequestFile;
import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureVerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        byte[] data = Files.readAllBytes(file);

        WebhookEndpoint endpoint = WebhookEndpoint.builder(Providers.exa()).secret(Secrets.EXA).build();
        int position = 0;
        int requests = 0;
        while (position < data.length) {
            int newline = indexOf(data, (byte) '\n', position);
            int length = Integer.parseInt(new String(data, position, newline - position, StandardCharsets.US_ASCII));
            String request = new String(data, newline + 1, length, StandardCharsets.UTF_8);
            position = newline + 1 + length;
            requests++;

            int split = request.indexOf("\r\n\r\n");
            Headers.Builder headers = Headers.builder();
            for (String line : request.substring(0, split).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
            byte[] body = request.substring(split + 4).getBytes(StandardCharsets.UTF_8);
            assertThat(request).startsWith("POST /webhooks/exa HTTP/1.1\r\n");
            assertThat(headers.build().first("content-length")).isEqualTo("1024");
            assertThat(endpoint.receive(dev.hookline.delivery.Delivery.of(headers.build(), body)).status())
                    .isEqualTo(Outcome.Status.ACCEPTED);
        }
        assertThat(requests).isEqualTo(3);
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
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
