package dev.hookline.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyDigestTest {

    /** The reference key, the bytes 0 to 15. */
    private static final KeyDigest REFERENCE = new KeyDigest(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    /** The reference implementation's 128-bit outputs for the messages 0, 1, 2, ... n-1 of lengths 0 to 9. */
    private static final List<String> VECTORS = List.of(
            "a3817f04ba25a8e66df67214c7550293",
            "da87c1d86b99af44347659119b22fc45",
            "8177228da4a45dc7fca38bdef60affe4",
            "9c70b60c5267a94e5f33b6b02985ed51",
            "f88164c12d9c8faf7d0f6e7c7bcd5579",
            "1368875980776f8854527a07690e9627",
            "14eeca338b208613485ea0308fd7a15e",
            "a1f1ebbed8dbc153c0b84aa61ff08239",
            "3b62a9ba6258f5610f83e264f31497b4",
            "264499060ad9baabc47f8b02bb6d71ed");

    @Test
    void itComputesSipHash24WithA128BitOutputAsTheReferenceDoes() {
        for (int length = 0; length < VECTORS.size(); length++) {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++) {
                message[i] = (byte) i;
            }
            KeyDigest.Digest digest = REFERENCE.of(message);
            byte[] output = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(digest.first()).putLong(digest.second()).array();

            assertThat(HexFormat.of().formatHex(output)).as("length %d", length).isEqualTo(VECTORS.get(length));
        }
    }

    @Test
    void anEventKeyIsDigestedAsItsEndpointLengthThenItsUtf16Units() {
        EventKey key = new EventKey("exa", "é1");
        byte[] message = {3, 0, 0, 0, 'e', 0, 'x', 0, 'a', 0, (byte) 0xe9, 0, '1', 0};

        assertThat(REFERENCE.of(key)).isEqualTo(REFERENCE.of(message));
    }

    @Test
    void keysOfEveryLengthAlignmentDigestAsTheirMessages() {
        String letters = "abcdefghijklmnopqrstuvwxyzé€";
        for (int endpointLength = 0; endpointLength < 10; endpointLength++) {
            for (int idLength = 0; idLength < 28; idLength++) {
                EventKey key = new EventKey(letters.substring(0, endpointLength), letters.substring(0, idLength));

                assertThat(REFERENCE.of(key)).as("%s", key).isEqualTo(REFERENCE.of(message(key)));
            }
        }
    }

    /** The documented message of a key: the endpoint's length in four bytes, then both strings' UTF-16LE units. */
    private static byte[] message(EventKey key) {
        String text = key.endpoint() + key.eventId();
        ByteBuffer message = ByteBuffer.allocate(4 + 2 * text.length()).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(key.endpoint().length());
        for (int i = 0; i < text.length(); i++) {
            message.putChar(text.charAt(i));
        }
        return message.array();
    }

    @Test
    void keysThatConcatenateAlikeDigestApart() {
        Set<KeyDigest.Digest> digests = new HashSet<>();
        for (EventKey key : List.of(new EventKey("ab", "c"), new EventKey("a", "bc"), new EventKey("", "abc"),
                new EventKey("abc", ""))) {
            digests.add(REFERENCE.of(key));
        }

        assertThat(digests).hasSize(4);
    }

    @Test
    void storesDrawTheirOwnKeys() {
        EventKey key = new EventKey("exa", "evt_1");

        assertThat(KeyDigest.random().of(key)).isNotEqualTo(KeyDigest.random().of(key));
    }
}
