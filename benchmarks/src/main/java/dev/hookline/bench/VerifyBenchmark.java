package dev.hookline.bench;

import com.stripe.net.Webhook;
import dev.hookline.delivery.Headers;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.SignatureVerifier;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The cost of verifying one delivery's signature: Hookline beside the peer libraries and beside a raw
 * JDK HMAC, over the same signed bytes.
 *
 * <p>Every verifier gets its input in the form its API takes, built before the measurement: Hookline
 * the raw {@code byte[]} body and {@link Headers}; the peers a {@code String} payload (a server would
 * first have to decode the body into one, which is not charged to them here) and their header maps.
 * The peers check timestamps against the system clock with a five-minute tolerance, so each fork signs
 * with the current time in its setup, and Hookline uses the same tolerance. Every verification is
 * checked to succeed: the setup verifies once with each library, and a failure during the run throws.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerifyBenchmark {

    /** Five minutes: what the Standard Webhooks and Svix libraries hard-code, and Stripe's default. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Param({"1024", "65536"})
    public int size;

    byte[] body;
    String payload;

    // Standard Webhooks
    SignatureVerifier hooklineStandard;
    Headers standardHeaders;
    Headers ed25519Headers;
    SignatureVerifier hooklineEd25519;
    Map<String, List<String>> standardHeaderMap;
    com.standardwebhooks.Webhook standardWebhooksLib;
    com.svix.Webhook svixLib;
    Mac standardMac;
    byte[] standardPrefix;
    byte[] standardExpected;

    // Stripe
    SignatureVerifier hooklineStripe;
    Headers stripeHeaders;
    String stripeHeader;
    Mac stripeMac;
    byte[] stripePrefix;
    byte[] stripeExpected;

    byte[] macOut;

    @Setup
    public void setup() throws Exception {
        body = Payloads.ofSize(size).withId(1);
        payload = new String(body, StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String timestamp = Long.toString(now.getEpochSecond());
        macOut = new byte[32];

        String messageId = "msg_2LJnbLhcCTvYgrAWBTX7fVpHb5y";
        Map<String, String> signed = WebhookSigner.of(SignatureSchemes.standardWebhooks(), Secrets.STANDARD_WEBHOOKS)
                .sign(body, now, messageId);
        standardHeaders = Headers.of(signed);
        standardHeaderMap = new LinkedHashMap<>();
        signed.forEach((name, value) -> standardHeaderMap.put(name, List.of(value)));
        hooklineStandard = SignatureVerifier.builder(SignatureSchemes.standardWebhooks())
                .secret(Secrets.STANDARD_WEBHOOKS).tolerance(TOLERANCE).build();
        standardWebhooksLib = new com.standardwebhooks.Webhook(Secrets.STANDARD_WEBHOOKS);
        svixLib = new com.svix.Webhook(Secrets.STANDARD_WEBHOOKS);
        standardMac = mac(Base64.getDecoder().decode(Secrets.STANDARD_WEBHOOKS.substring("whsec_".length())));
        standardPrefix = (messageId + '.' + timestamp + '.').getBytes(StandardCharsets.UTF_8);
        standardExpected = Base64.getDecoder().decode(signed.get("webhook-signature").substring("v1,".length()));
        ed25519Headers = Headers.of(WebhookSigner.of(SignatureSchemes.standardWebhooks(), Secrets.ED25519_SECRET_KEY)
                .sign(body, now, messageId));
        hooklineEd25519 = SignatureVerifier.builder(SignatureSchemes.standardWebhooks())
                .secret(Secrets.ED25519_PUBLIC_KEY).tolerance(TOLERANCE).build();

        Map<String, String> stripeSigned = WebhookSigner.of(SignatureSchemes.stripe(), Secrets.STRIPE)
                .sign(body, now, null);
        stripeHeaders = Headers.of(stripeSigned);
        stripeHeader = stripeSigned.get("Stripe-Signature");
        hooklineStripe = SignatureVerifier.builder(SignatureSchemes.stripe())
                .secret(Secrets.STRIPE).tolerance(TOLERANCE).build();
        stripeMac = mac(Secrets.STRIPE.getBytes(StandardCharsets.UTF_8));
        stripePrefix = (timestamp + '.').getBytes(StandardCharsets.US_ASCII);
        stripeExpected = HexFormat.of().parseHex(stripeHeader.substring(stripeHeader.indexOf("v1=") + 3));

        // a benchmark of a failing verification would measure the failure path: check each one once
        hooklineStandardWebhooks();
        hooklineStandardWebhooksEd25519();
        standardWebhooksLibrary();
        svixLibrary();
        rawHmacStandardWebhooks();
        hooklineStripe();
        stripeJava();
        rawHmacStripe();
    }

    private static Mac mac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac;
    }

    // ---- Standard Webhooks: "<id>.<timestamp>." + body, base64 signature ----

    @Benchmark
    public void hooklineStandardWebhooks() throws Exception {
        hooklineStandard.verify(standardHeaders, body);
    }

    /** The same delivery signed with Ed25519 ({@code v1a}) and verified with the sender's public key. */
    @Benchmark
    public void hooklineStandardWebhooksEd25519() throws Exception {
        hooklineEd25519.verify(ed25519Headers, body);
    }

    @Benchmark
    public void standardWebhooksLibrary() throws Exception {
        standardWebhooksLib.verify(payload, standardHeaderMap);
    }

    @Benchmark
    public void svixLibrary() throws Exception {
        svixLib.verify(payload, standardHeaderMap);
    }

    /** The floor: a pre-keyed Mac over the same signed bytes, into a reused buffer, compared in constant time. */
    @Benchmark
    public void rawHmacStandardWebhooks() throws Exception {
        check(rawHmac(standardMac, standardPrefix, standardExpected));
    }

    // ---- Stripe: "<t>." + body, hex signature in "t=..,v1=.." ----

    @Benchmark
    public void hooklineStripe() throws Exception {
        hooklineStripe.verify(stripeHeaders, body);
    }

    @Benchmark
    public void stripeJava() throws Exception {
        check(Webhook.Signature.verifyHeader(payload, stripeHeader, Secrets.STRIPE, TOLERANCE.getSeconds()));
    }

    /** The floor for the Stripe form. */
    @Benchmark
    public void rawHmacStripe() throws Exception {
        check(rawHmac(stripeMac, stripePrefix, stripeExpected));
    }

    private boolean rawHmac(Mac mac, byte[] prefix, byte[] expected) throws GeneralSecurityException {
        mac.update(prefix);
        mac.update(body);
        mac.doFinal(macOut, 0);
        return MessageDigest.isEqual(macOut, expected);
    }

    private static void check(boolean verified) {
        if (!verified) {
            throw new IllegalStateException("verification failed: the benchmark would measure a rejection");
        }
    }
}
