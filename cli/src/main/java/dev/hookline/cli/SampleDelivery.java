package dev.hookline.cli;

import dev.hookline.signature.WebhookSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One signed delivery, ready to post: the body and the signature headers a provider would send.
 *
 * <p>Every delivery is a new event, so that sending again is not taken for a redelivery:
 * <ul>
 *   <li>Exa: a fresh {@code id}, and {@code createdAt} set to the signing time;</li>
 *   <li>Encrata: {@code created_at} set to the signing time (Encrata's event id is a digest of the body);</li>
 *   <li>Standard Webhooks: {@code {type, timestamp, data}} around the sample's {@code data}, with a fresh
 *       {@code webhook-id}.</li>
 * </ul>
 *
 * <p>Immutable.
 */
public final class SampleDelivery {

    /** How old {@code --old-timestamp} makes the signature: twice the receivers' default tolerance. */
    public static final Duration OLD_TIMESTAMP_AGE = Duration.ofMinutes(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SendRequest request;
    private final String eventId;
    private final Map<String, String> headers;
    private final byte[] body;

    private SampleDelivery(SendRequest request, String eventId, Map<String, String> headers, byte[] body) {
        this.request = request;
        this.eventId = eventId;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    /**
     * Builds and signs the delivery a request asks for.
     *
     * @param request what to send
     * @param now the current time; the signature is of now, or of {@link #OLD_TIMESTAMP_AGE} earlier
     * @return the delivery
     */
    public static SampleDelivery prepare(SendRequest request, Instant now) {
        Instant signedAt = request.oldTimestamp() ? now.minus(OLD_TIMESTAMP_AGE) : now;
        String eventTime = signedAt.truncatedTo(ChronoUnit.MILLIS).toString();
        String messageId = "msg_" + randomHex();
        ObjectNode sample = (ObjectNode) JSON.readTree(SamplePayloads.read(request.provider(), request.event()));

        ObjectNode envelope;
        String eventId;
        switch (request.provider()) {
            case EXA -> {
                eventId = "event_" + randomHex();
                envelope = sample.put("id", eventId).put("createdAt", eventTime);
            }
            case ENCRATA -> {
                eventId = null; // known once the body is final
                envelope = sample.put("created_at", eventTime);
            }
            case STANDARD, SVIX -> {
                eventId = messageId;
                envelope = JSON.createObjectNode().put("type", request.event()).put("timestamp", eventTime);
                envelope.set("data", sample.get("data"));
            }
            case STRIPE -> {
                eventId = "evt_" + randomHex();
                envelope = JSON.createObjectNode().put("id", eventId).put("object", "event")
                        .put("type", request.event()).put("created", signedAt.getEpochSecond());
                envelope.putObject("data").set("object", sample.get("data"));
            }
            case GITHUB -> {
                eventId = "gh_" + randomHex();
                envelope = (ObjectNode) sample.get("data");
            }
            default -> throw new IllegalStateException("unhandled provider " + request.provider());
        }

        byte[] body = JSON.writeValueAsBytes(envelope);
        Map<String, String> headers = new java.util.LinkedHashMap<>(WebhookSigner.of(request.provider().scheme(),
                request.secret()).sign(body, signedAt, messageId));
        if (request.provider() == SampleProvider.GITHUB) {
            // GitHub names the event and the delivery in headers its signature does not cover
            headers.put("X-GitHub-Event", request.event());
            headers.put("X-GitHub-Delivery", eventId);
        }
        if (request.tamper()) {
            body[body.length / 2] ^= 0x01; // one bit, after signing: the signature no longer matches
        }
        if (eventId == null) {
            eventId = sha256Hex(body);
        }
        return new SampleDelivery(request, eventId, headers, body);
    }

    /** What was asked for. */
    public SendRequest request() {
        return request;
    }

    /**
     * The id the receiver knows the event by: Exa's {@code id}, the SHA-256 of an Encrata body, the
     * Standard Webhooks {@code webhook-id}.
     */
    public String eventId() {
        return eventId;
    }

    /** The signature headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body as posted (after tampering, if asked); a copy. */
    public byte[] body() {
        return body.clone();
    }

    private static String randomHex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Never shows the body or the signature. */
    @Override
    public String toString() {
        return "SampleDelivery[" + request.provider().id() + " " + request.event() + ", id=" + eventId
                + ", " + body.length + " bytes]";
    }
}
