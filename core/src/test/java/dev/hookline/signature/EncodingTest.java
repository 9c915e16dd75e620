package dev.hookline.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-place decoders read a range of a header value exactly as the whole-string ones read a copy of it. */
class EncodingTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(7);

    @Test
    void hexDecodesARangeInEitherCase() {
        byte[] bytes = randomBytes(32);
        String hex = HexFormat.of().formatHex(bytes);
        assertThat(Encoding.hex("v1=" + hex + ",x", 3, 3 + 64, 32)).isEqualTo(bytes);
        assertThat(Encoding.hex("v1=" + hex.toUpperCase() + ",x", 3, 3 + 64, 32)).isEqualTo(bytes);
    }

    @Test
    void hexRefusesAnythingButExactlyTheAsciiDigits() {
        String hex = HexFormat.of().formatHex(randomBytes(32));
        assertThat(Encoding.hex(hex, 0, 63, 32)).isNull();
        assertThat(Encoding.hex(hex + "0", 0, 65, 32)).isNull();
        assertThat(Encoding.hex("g" + hex.substring(1), 0, 64, 32)).isNull();
        // digits of other scripts, which Character.digit would accept
        assertThat(Encoding.hex("\u0661" + hex.substring(1), 0, 64, 32)).isNull();
        assertThat(Encoding.hex("\uFF21" + hex.substring(1), 0, 64, 32)).isNull();
        assertThat(Encoding.hex(" " + hex.substring(1), 0, 64, 32)).isNull();
    }

    @Test
    void isHexAcceptsExactlyWhatHexDecodes() {
        String hex = HexFormat.of().formatHex(randomBytes(32));
        for (String value : new String[] {"v1=" + hex + ",x", "v1=" + hex.toUpperCase() + ",x", "v1=" + hex + "0,x",
                "v1=g" + hex.substring(1) + ",x", "v1=\u0661" + hex.substring(1) + ",x", "v1= " + hex.substring(1)}) {
            for (int to : new int[] {3 + 63, 3 + 64, 3 + 65}) {
                assertThat(Encoding.isHex(value, 3, to, 32)).as("%s up to %d", value, to)
                        .isEqualTo(Encoding.hex(value, 3, to, 32) != null);
            }
        }
    }

    @Test
    void addHexDecodesIntoTheListItIsGivenOrIntoANewOne() {
        byte[] first = randomBytes(32);
        byte[] second = randomBytes(32);
        String value = "v1=" + HexFormat.of().formatHex(first) + ",v1=" + HexFormat.of().formatHex(second);

        List<byte[]> made = Encoding.addHex(null, value, 3, 67);
        List<byte[]> extended = Encoding.addHex(made, value, 71, 135);

        assertThat(extended).isSameAs(made);
        assertThat(made).containsExactly(first, second);
    }

    @Test
    void hexEqualsComparesTheDigitsInPlaceWithTheBytesTheySpell() {
        byte[] bytes = randomBytes(32);
        String hex = HexFormat.of().formatHex(bytes);
        String value = "t=1,v1=" + hex + ",v0=x";

        assertThat(Encoding.hexEquals(bytes, value, 7)).isTrue();
        assertThat(Encoding.hexEquals(bytes, "t=1,v1=" + hex.toUpperCase(), 7)).isTrue();
        assertThat(Encoding.hexEquals(bytes, value, 6)).isFalse();
        for (int at : new int[] {0, 17, 31}) {
            byte[] other = bytes.clone();
            other[at] ^= 1;
            assertThat(Encoding.hexEquals(other, value, 7)).as("differing at byte %d", at).isFalse();
        }
        // a character that is not a hex digit matches no byte, whatever the bits it would decode to
        for (String notDigit : new String[] {"g", "G", " ", "\u0660", "\uFF10"}) {
            String spoiled = "v1=" + hex.substring(0, 10) + notDigit + hex.substring(11);
            assertThat(Encoding.hexEquals(bytes, spoiled, 3)).as("with %s", notDigit).isFalse();
        }
    }

    @Test
    void everyCharacterIsAHexDigitExactlyWhenHexFormatSaysSo() {
        for (int code = 0; code <= Character.MAX_VALUE; code++) {
            char c = (char) code;
            for (String digits : new String[] {c + "0", "0" + c}) {
                byte[] decoded = Encoding.hex(digits, 0, 2, 1);
                if (HexFormat.isHexDigit(c)) {
                    assertThat(decoded).as("U+%04X", (int) c).containsExactly((byte) HexFormat.fromHexDigits(digits));
                } else {
                    assertThat(decoded).as("U+%04X", (int) c).isNull();
                }
            }
        }
    }

    @Test
    void base64DecodesARangeAsTheJdkDecodesTheWholeString() {
        for (int i = 0; i < 500; i++) {
            byte[] bytes = randomBytes(32);
            String encoded = Base64.getEncoder().encodeToString(bytes);
            assertThat(Encoding.base64("v1," + encoded + " v1,x", 3, 3 + encoded.length(), 32)).isEqualTo(bytes);
            assertThat(Encoding.base64(encoded, 32)).isEqualTo(bytes);
        }
    }

    @Test
    void base64RefusesWrongLengthsPaddingAndCharacters() {
        String encoded = Base64.getEncoder().encodeToString(randomBytes(32));
        String unpadded = encoded.substring(0, 43);
        assertThat(Encoding.base64(unpadded, 32)).isNull();
        assertThat(Encoding.base64(unpadded + "A", 32)).isNull(); // 33 bytes
        assertThat(Encoding.base64(encoded.substring(0, 42) + "==", 32)).isNull(); // 31 bytes
        assertThat(Encoding.base64("=" + encoded.substring(1), 32)).isNull();
        assertThat(Encoding.base64("\u00e9" + encoded.substring(1), 32)).isNull();
        assertThat(Encoding.base64("\u4e00" + encoded.substring(1), 32)).isNull();
        String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff}).repeat(11);
        assertThat(Encoding.base64(urlSafe, 32)).isNull(); // only the standard alphabet
    }

    @Test
    void base64AcceptsOnlyTheCanonicalLastCharacterForEveryPaddingLength() {
        // one byte: two characters and "==", four unused bits; two bytes: three and "=", two unused bits
        assertThat(Encoding.base64("QQ==", 1)).containsExactly('A');
        assertThat(Encoding.base64("QR==", 1)).isNull();
        assertThat(Encoding.base64("QX==", 1)).isNull();
        assertThat(Encoding.base64("QUE=", 2)).containsExactly('A', 'A');
        assertThat(Encoding.base64("QUF=", 2)).isNull();
        assertThat(Encoding.base64("QUH=", 2)).isNull();
        // three bytes use every bit: nothing to check, and nothing refused
        assertThat(Encoding.base64("QUFB", 3)).containsExactly('A', 'A', 'A');
        assertThat(Encoding.base64("+/+/", 3)).isEqualTo(Base64.getDecoder().decode("+/+/"));
    }

    @Test
    void timestampReadsARangeOfDigitsOnly() {
        assertThat(Encoding.timestamp("t=1700000000,", 2, 12)).isEqualTo(1_700_000_000L);
        assertThat(Encoding.timestamp("t=,", 2, 2)).isEqualTo(-1);
        assertThat(Encoding.timestamp("t=17x0", 2, 6)).isEqualTo(-1);
        assertThat(Encoding.timestamp("1234567890123456789", 0, 19)).isEqualTo(-1);
    }

    @Test
    void whitespaceTrimmingMatchesStrip() {
        String[] values = {"", " ", "a", " a ", "\t a b \u2003", "\u2003\u2003", "a\u00a0"};
        for (String value : values) {
            int from = Encoding.skipWhitespace(value, 0, value.length());
            int to = Encoding.trimWhitespace(value, from, value.length());
            assertThat(value.substring(from, to)).isEqualTo(value.strip());
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) RANDOM.nextInt(256);
        }
        return bytes;
    }
}
