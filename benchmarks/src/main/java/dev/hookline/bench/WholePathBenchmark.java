package dev.hookline.bench;

import dev.hookline.Acceptance;
import dev.hookline.Outcome;
import dev.hookline.Providers;
import dev.hookline.WebhookEndpoint;
import dev.hookline.delivery.Delivery;
import dev.hookline.event.EventJson;
import dev.hookline.exa.ExaEvents;
import dev.hookline.exa.WebsetItem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hookline's whole path and its accept stage, each beside the least a receiver could do for the same result,
 * measured on the same signed deliveries in the same run.
 *
 * <ul>
 *   <li>{@link #hookline()}: {@link WebhookEndpoint#receive} of an Exa delivery to a typed no-op handler of
 *       {@code webset.item.created}: verify, read the envelope, claim the id, bind {@code data} to
 *       {@link WebsetItem}, run the handler.</li>
 *   <li>{@link #floor()}: the hand-written floor of that path: a pre-keyed HMAC over {@code t.body} compared in
 *       constant time with the signature decoded in the setup, then Jackson binding the whole envelope, with the
 *       same {@code WebsetItem} record as its {@code data}, straight from the bytes, with a mapper configured by
 *       {@link EventJson#configure}. No header parsing, no timestamp check, no deduplication, no routing.</li>
 *   <li>{@link #accept()}: the accept stage alone, {@link WebhookEndpoint#accept}: verify and read the envelope's
 *       id, type and time, binding nothing.</li>
 *   <li>{@link #acceptFloor()}: its floor: the same pre-keyed HMAC, then one Jackson streaming pass over the body
 *       that skips every value (and checks that nothing follows it).</li>
 * </ul>
 *
 * <p>{@code body} is a size in bytes ({@link Payloads#ofSize}) or {@code fixture}, the stored fixture file as it
 * is ({@link Payloads#fixture()}, 1,878 bytes, pretty-printed). Each operation takes the next delivery of a ring
 * signed in the setup, each with its own event id, as {@link EndpointBenchmark} does; every result is checked.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WholePathBenchmark {

    /** The body the first measurements were made on: the fixture file as stored. */
    static final String FIXTURE = "fixture";

    @Param({"1024", FIXTURE, "1048576"})
    public String body;

    WebhookEndpoint endpoint;
    Delivery[] ring;
    /** The signature of each delivery of the ring, decoded once. */
    byte[][] expected;
    /** {@code "<t>."}: every delivery of the ring is signed at the same second. */
    byte[] prefix;
    Mac mac;
    byte[] macOut;
    ObjectReader envelopeReader;
    ObjectMapper streaming;
    int mask;
    int next;
    /** A smaller ring for the correctness tests; 0 in benchmarks. */
    int ringSizeOverride;

    /** Where the no-op handler puts the item, so that binding it cannot be optimised away. */
    static volatile WebsetItem lastItem;

    /**
     * The Exa envelope as a hand-written receiver would bind it.
     *
     * @param id the event id
     * @param object {@code event}
     * @param type the event type
     * @param data the item
     * @param createdAt when the event happened
     */
    public record FloorEnvelope(String id, String object, String type, WebsetItem data, Instant createdAt) {
    }

    @Setup
    public void setup() throws GeneralSecurityException {
        Payloads payloads = FIXTURE.equals(body) ? Payloads.fixture() : Payloads.ofSize(Integer.parseInt(body));
        int ringSize = ringSizeOverride > 0 ? ringSizeOverride : EndpointBenchmark.ringSize(payloads.size());
        ExaDeliveries deliveries = new ExaDeliveries(payloads);
        Instant signedAt = Instant.now();
        ring = deliveries.ring(0, ringSize, signedAt);
        mask = ringSize - 1;
        expected = new byte[ringSize][];
        for (int i = 0; i < ringSize; i++) {
            String header = ring[i].headers().first("exa-signature");
            expected[i] = HexFormat.of().parseHex(header.substring(header.indexOf("v1=") + 3));
        }
        prefix = (signedAt.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Secrets.EXA.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        macOut = new byte[32];
        envelopeReader = EventJson.configure(JsonMapper.builder()).build().readerFor(FloorEnvelope.class);
        streaming = EventJson.mapper();
        endpoint = WebhookEndpoint.builder(Providers.exa())
                .secret(Secrets.EXA)
                .tolerance(VerifyBenchmark.TOLERANCE)
                .deduplicator(new RecyclingDeduplicator(ringSize / 2))
                .on(ExaEvents.WEBSET_ITEM_CREATED, item -> lastItem = item)
                .build();
        // each path once, so that a setup that cannot succeed fails before anything is measured
        hookline();
        floor();
        accept();
        acceptFloor();
    }

    @Benchmark
    public Outcome hookline() {
        Delivery delivery = ring[next];
        next = (next + 1) & mask;
        Outcome outcome = endpoint.receive(delivery);
        if (outcome.status() != Outcome.Status.ACCEPTED) {
            throw new IllegalStateException("expected ACCEPTED, was " + outcome);
        }
        return outcome;
    }

    @Benchmark
    public FloorEnvelope floor() throws GeneralSecurityException {
        int at = next;
        next = (next + 1) & mask;
        byte[] bytes = ring[at].body();
        verify(bytes, expected[at]);
        FloorEnvelope envelope = envelopeReader.readValue(bytes);
        if (envelope.data() == null) {
            throw new IllegalStateException("no data bound");
        }
        return envelope;
    }

    @Benchmark
    public Acceptance accept() {
        Delivery delivery = ring[next];
        next = (next + 1) & mask;
        Acceptance acceptance = endpoint.accept(delivery, endpoint.clock().instant());
        if (!(acceptance instanceof Acceptance.Verified)) {
            throw new IllegalStateException("expected a verified event, was " + acceptance);
        }
        return acceptance;
    }

    @Benchmark
    public JsonToken acceptFloor() throws GeneralSecurityException {
        int at = next;
        next = (next + 1) & mask;
        byte[] bytes = ring[at].body();
        verify(bytes, expected[at]);
        try (JsonParser parser = streaming.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            parser.skipChildren();
            if (first != JsonToken.START_OBJECT || parser.nextToken() != null) {
                throw new IllegalStateException("not one JSON object");
            }
            return first;
        }
    }

    private void verify(byte[] bytes, byte[] signature) throws GeneralSecurityException {
        mac.update(prefix);
        mac.update(bytes);
        mac.doFinal(macOut, 0);
        if (!MessageDigest.isEqual(macOut, signature)) {
            throw new IllegalStateException("verification failed: the benchmark would measure a rejection");
        }
    }
}
