package dev.hookline.event;

import dev.hookline.delivery.Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An event whose delivery was verified and whose envelope was read, held as plain data so that it can be stored,
 * queued or sent elsewhere and dispatched later, even after the secret that verified it has been rotated away.
 *
 * <p>It holds the endpoint's and provider's names, the event's id, type and time, when its delivery was received,
 * until when a replay of that delivery could still be accepted, the exact body bytes, and only the headers the
 * provider's envelope reads. It holds no mapper, key or other live object. {@link #toBytes()} and
 * {@link #fromBytes(byte[])} turn it into bytes and back; the form is versioned (see {@link #toBytes()}).
 *
 * <p>Immutable and thread-safe, provided the body array is not changed after it is handed over (it is not copied).
 * Two events are equal when every part, the body's bytes included, is equal. {@link #toString()} never shows the
 * body or a header value.
 */
public final class VerifiedEvent {

    /** The first four bytes of the stored form. */
    private static final byte[] MAGIC = {'H', 'L', 'V', 'E'};
    /** The version of the stored form {@link #toBytes()} writes. */
    public static final int FORM_VERSION = 1;

    private final String endpoint;
    private final String provider;
    private final String id;
    private final String type;
    private final Instant time;
    private final Instant receivedAt;
    private final Instant replayableUntil;
    private final Headers headers;
    private final byte[] body;

    /**
     * An event as the accept stage produces it, or as a tool that fetched it from a provider's API knows it.
     *
     * @param endpoint the name of the endpoint that accepted it
     * @param provider the provider's name
     * @param id the event id
     * @param type the event type's name
     * @param time when the sender says the event happened, or {@code null}
     * @param receivedAt when its delivery was received
     * @param replayableUntil until when a replay of its delivery could still be accepted, or {@code null} when
     *     nothing bounds it (the deduplicator's retention then applies) or it did not arrive as a delivery
     * @param headers the headers the provider's envelope reads; the others need not be kept
     * @param body the verified body, exactly as received; not copied
     */
    public VerifiedEvent(String endpoint, String provider, String id, String type, Instant time, Instant receivedAt,
                         Instant replayableUntil, Headers headers, byte[] body) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.time = time;
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.replayableUntil = replayableUntil;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** The name of the endpoint that accepted the event. */
    public String endpoint() {
        return endpoint;
    }

    /** The provider's name, such as {@code exa}. */
    public String provider() {
        return provider;
    }

    /** The event id, the same across redeliveries. */
    public String id() {
        return id;
    }

    /** The event type's name. */
    public String type() {
        return type;
    }

    /** When the sender says the event happened, or {@code null}. */
    public Instant time() {
        return time;
    }

    /** When the delivery was received. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** Until when a replay of the delivery could still be accepted, or {@code null} if nothing bounds it. */
    public Instant replayableUntil() {
        return replayableUntil;
    }

    /** The headers the provider's envelope reads. */
    public Headers headers() {
        return headers;
    }

    /** The verified body, exactly as received. Do not change it. */
    public byte[] body() {
        return body;
    }

    /**
     * This event in its stored form, version {@value #FORM_VERSION}: the bytes {@code HLVE}, one byte of version,
     * then, each string as a 4-byte big-endian length and its UTF-8 bytes and each instant as an 8-byte epoch
     * second and a 4-byte nanosecond (preceded by one byte, 1 if present and 0 if not, where it may be absent):
     * endpoint, provider, id, type, time?, receivedAt, replayableUntil?, the number of header values (4 bytes)
     * followed by each name and value, and finally the body's length (4 bytes) and its bytes.
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(FORM_VERSION);
            writeString(out, endpoint);
            writeString(out, provider);
            writeString(out, id);
            writeString(out, type);
            writeOptionalInstant(out, time);
            writeInstant(out, receivedAt);
            writeOptionalInstant(out, replayableUntil);
            int count = 0;
            for (String name : headers.names()) {
                count += headers.all(name).size();
            }
            out.writeInt(count);
            for (String name : headers.names()) {
                for (String value : headers.all(name)) {
                    writeString(out, name);
                    writeString(out, value);
                }
            }
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("A byte array cannot fail to be written", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an event from its stored form.
     *
     * @param stored bytes written by {@link #toBytes()}, of this or an earlier version
     * @return the event
     * @throws IllegalArgumentException if the bytes are not a stored event of a known version (the message never
     *     quotes them)
     */
    public static VerifiedEvent fromBytes(byte[] stored) {
        ByteBuffer in = ByteBuffer.wrap(Objects.requireNonNull(stored, "stored"));
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("Not a stored verified event");
            }
            int version = in.get();
            if (version != FORM_VERSION) {
                throw new IllegalArgumentException("Unknown form version " + version + " of a stored verified event");
            }
            String endpoint = readString(in);
            String provider = readString(in);
            String id = readString(in);
            String type = readString(in);
            Instant time = readOptionalInstant(in);
            Instant receivedAt = readInstant(in);
            Instant replayableUntil = readOptionalInstant(in);
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 8) {
                throw new IllegalArgumentException("A stored verified event is truncated or corrupt");
            }
            Headers.Builder headers = Headers.builder();
            for (int i = 0; i < count; i++) {
                headers.add(readString(in), readString(in));
            }
            byte[] body = new byte[length(in)];
            in.get(body);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("A stored verified event has trailing bytes");
            }
            return new VerifiedEvent(endpoint, provider, id, type, time, receivedAt, replayableUntil, headers.build(),
                    body);
        } catch (BufferUnderflowException | DateTimeException e) {
            throw new IllegalArgumentException("A stored verified event is truncated or corrupt");
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static void writeOptionalInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeByte(instant == null ? 0 : 1);
        if (instant != null) {
            writeInstant(out, instant);
        }
    }

    private static int length(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("A stored verified event is truncated or corrupt");
        }
        return length;
    }

    private static String readString(ByteBuffer in) {
        byte[] utf8 = new byte[length(in)];
        in.get(utf8);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("A stored verified event holds text that is not UTF-8");
        }
    }

    private static Instant readInstant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static Instant readOptionalInstant(ByteBuffer in) {
        int present = in.get();
        if (present != 0 && present != 1) {
            throw new IllegalArgumentException("A stored verified event is truncated or corrupt");
        }
        return present == 1 ? readInstant(in) : null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifiedEvent that
                && endpoint.equals(that.endpoint) && provider.equals(that.provider) && id.equals(that.id)
                && type.equals(that.type) && Objects.equals(time, that.time) && receivedAt.equals(that.receivedAt)
                && Objects.equals(replayableUntil, that.replayableUntil) && sameHeaders(headers, that.headers)
                && Arrays.equals(body, that.body);
    }

    private static boolean sameHeaders(Headers a, Headers b) {
        if (!a.names().equals(b.names())) {
            return false;
        }
        for (String name : a.names()) {
            if (!a.all(name).equals(b.all(name))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, id, type, receivedAt) * 31 + Arrays.hashCode(body);
    }

    /** Names the endpoint, provider, type and id; never the body or a header value. */
    @Override
    public String toString() {
        return "VerifiedEvent[endpoint=" + endpoint + ", provider=" + provider + ", type=" + type + ", id=" + id
                + ", body=" + body.length + " bytes]";
    }
}
