package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.delivery.Headers;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.signature.SignatureFailure;
import dev.hookline.signature.SignatureVerificationException;
import dev.hookline.signature.SignatureVerifier;
import dev.hookline.signature.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For random bodies, secrets, message ids and times, per scheme: what is signed verifies, and changing any one
 * byte of the body, or one character of the message id, the timestamp or the signature, gives exactly the
 * failure the scheme's rules say. Every assertion names its seed; {@code -Dhookline.test.seed=N} replays one.
 *
 * <p>The rules, as the schemes implement them: a change to a signed value that still parses is
 * {@code no_matching_signature}; one that no longer parses (a timestamp that is not 1 to 18 ASCII digits
 * after trimming, an empty or ill-formed id, a signature that is not hex or canonical base64 of 32 bytes) is
 * {@code malformed_signature}. Hex is read in either case, so changing a hex letter's case alone still
 * verifies.
 */
class SingleChangePropertyTest {

    private static final int CASES = 300;

    /** Replacement characters: ASCII, separators, whitespace (and a non-breaking space, which is not), non-ASCII. */
    private static final char[] CHARACTERS = {'0', '1', '5', '9', 'a', 'f', 'g', 'A', 'F', 'Z', '_', '-', '.', ',',
        '=', '?', '+', '/', ' ', '\t', '\u00a0', '\u2003', '\u00e9', '\u4e2d', '\uff11', '\u0661', '\u0000', '\u007f',
        '\uD83D', '\uDE00'};

    /** One signed delivery, and how to verify it as of its receipt. */
    private record Sample(Scheme scheme, String secret, byte[] body, String id, Instant signedAt, Instant receivedAt,
                          Map<String, String> headers) {

        SignatureFailure verify(Headers delivered, byte[] deliveredBody) {
            SignatureVerifier verifier = SignatureVerifier.builder(scheme.scheme).secret(secret).build();
            try {
                verifier.verify(delivered, deliveredBody, receivedAt);
                return null;
            } catch (SignatureVerificationException e) {
                return e.failure();
            }
        }

        SignatureFailure verifyWith(String header, String value) {
            return verify(Hostile.replace(headers, header, value), body);
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void whatIsSignedVerifiesAnywhereWithinTheTolerance(Scheme scheme) {
        long seed = Hostile.seed();
        Random random = new Random(seed);

        for (int i = 0; i < CASES; i++) {
            Sample sample = sample(scheme, random);

            assertThat(sample.verify(Headers.of(sample.headers()), sample.body())).as(replay(seed, i)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void changingReplacingOrRemovingAnyOneByteOfTheBodyIsNoMatchingSignature(Scheme scheme) {
        long seed = Hostile.seed();
        Random random = new Random(seed);

        for (int i = 0; i < CASES; i++) {
            Sample sample = sample(scheme, random);
            byte[] body = sample.body();
            Headers headers = Headers.of(sample.headers());
            byte[] changed;
            switch (body.length == 0 ? 1 : random.nextInt(3)) {
                case 0 -> {
                    changed = body.clone();
                    changed[random.nextInt(body.length)] ^= (byte) (1 + random.nextInt(255));
                }
                case 1 -> {
                    int at = random.nextInt(body.length + 1);
                    changed = new byte[body.length + 1];
                    System.arraycopy(body, 0, changed, 0, at);
                    changed[at] = (byte) random.nextInt();
                    System.arraycopy(body, at, changed, at + 1, body.length - at);
                }
                default -> {
                    int at = random.nextInt(body.length);
                    changed = new byte[body.length - 1];
                    System.arraycopy(body, 0, changed, 0, at);
                    System.arraycopy(body, at + 1, changed, at, body.length - at - 1);
                }
            }

            assertThat(sample.verify(headers, changed)).as(replay(seed, i))
                    .isEqualTo(SignatureFailure.NO_MATCHING_SIGNATURE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Scheme.class, names = "STANDARD_WEBHOOKS")
    void changingAnyOneCharacterOfTheMessageIdIsNoMatchingOrMalformedByTheRule(Scheme scheme) {
        long seed = Hostile.seed();
        Random random = new Random(seed);

        for (int i = 0; i < CASES; i++) {
            Sample sample = sample(scheme, random);
            String id = changeOneCharacter(sample.id(), random);
            String read = id.strip();
            SignatureFailure expected = read.isEmpty() || !StandardCharsets.UTF_8.newEncoder().canEncode(read)
                    ? SignatureFailure.MALFORMED_SIGNATURE
                    : SignatureFailure.NO_MATCHING_SIGNATURE;

            assertThat(sample.verifyWith("webhook-id", id))
                    .as(replay(seed, i) + ": id " + escape(sample.id()) + " -> " + escape(id))
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Scheme.class, names = {"EXA", "STRIPE", "STANDARD_WEBHOOKS"})
    void changingAnyOneCharacterOfTheTimestampIsNoMatchingOrMalformedByTheRule(Scheme scheme) {
        long seed = Hostile.seed();
        Random random = new Random(seed);

        for (int i = 0; i < CASES; i++) {
            Sample sample = sample(scheme, random);
            String original = Long.toString(sample.signedAt().getEpochSecond());
            int at = random.nextInt(original.length());
            char c = other(original.charAt(at), random);
            String timestamp = original.substring(0, at) + c + original.substring(at + 1);
            SignatureFailure expected;
            String header;
            String value;
            if (scheme.timestampInSignatureHeader()) {
                header = scheme.signatureHeader;
                String signature = sample.headers().get(header);
                value = "t=" + timestamp + signature.substring(signature.indexOf(",v1="));
                // a comma ends the t= element: at the end it leaves the digits before it, elsewhere a part with no '='
                expected = c == ','
                        ? at == original.length() - 1 ? SignatureFailure.NO_MATCHING_SIGNATURE
                                : SignatureFailure.MALFORMED_SIGNATURE
                        : byTimestampRule(timestamp);
            } else {
                header = "webhook-timestamp";
                value = timestamp;
                expected = byTimestampRule(timestamp);
            }

            assertThat(sample.verifyWith(header, value))
                    .as(replay(seed, i) + ": t " + original + " -> " + escape(timestamp))
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void changingAnyOneCharacterOfTheSignatureIsNoMatchingOrMalformedByTheRule(Scheme scheme) {
        long seed = Hostile.seed();
        Random random = new Random(seed);

        for (int i = 0; i < CASES; i++) {
            Sample sample = sample(scheme, random);
            String header = sample.headers().get(scheme.signatureHeader);
            String genuine = switch (scheme) {
                case EXA, STRIPE -> header.substring(header.indexOf(",v1=") + 4);
                case STANDARD_WEBHOOKS -> header.substring(3);
                case GITHUB -> header.substring("sha256=".length());
                case ENCRATA -> header;
            };
            // half the time the last characters, where padding and unused bits live
            int at = random.nextBoolean() ? genuine.length() - 1 - random.nextInt(3) : random.nextInt(genuine.length());
            char c = random.nextInt(4) == 0 ? alphabetCharacter(scheme, random) : other(genuine.charAt(at), random);
            if (c == genuine.charAt(at)) {
                c = other(c, random);
            }
            String signature = genuine.substring(0, at) + c + genuine.substring(at + 1);
            SignatureFailure expected = scheme == Scheme.STANDARD_WEBHOOKS
                    ? byBase64Rule(signature)
                    : byHexRule(signature, genuine);

            assertThat(sample.verifyWith(scheme.signatureHeader,
                            header.substring(0, header.length() - genuine.length()) + signature))
                    .as(replay(seed, i) + ": signature " + genuine + " -> " + escape(signature))
                    .isEqualTo(expected);
        }
    }

    /** The keys and version markers around the values are part of the format too. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Exa and Stripe: no t is malformed; no v1 leaves no signature to match (other keys are ignored)
        "EXA|t=|T=|MALFORMED_SIGNATURE",
        "EXA|,v1=|,V1=|NO_MATCHING_SIGNATURE",
        "STRIPE|,v1=|,v0=|NO_MATCHING_SIGNATURE",
        "STRIPE|,v1=|;v1=|MALFORMED_SIGNATURE",
        // GitHub: the prefix is exact
        "GITHUB|sha256=|SHA256=|MALFORMED_SIGNATURE",
        "GITHUB|sha256=|sha256:|MALFORMED_SIGNATURE",
        "GITHUB|sha256=|sha512=|MALFORMED_SIGNATURE",
        // Standard Webhooks: other versions are ignored, an entry without a comma is malformed
        "STANDARD_WEBHOOKS|v1,|v2,|NO_MATCHING_SIGNATURE",
        "STANDARD_WEBHOOKS|v1,|V1,|NO_MATCHING_SIGNATURE",
        "STANDARD_WEBHOOKS|v1,|v1;|MALFORMED_SIGNATURE",
        "STANDARD_WEBHOOKS|v1,|'v1 '|MALFORMED_SIGNATURE"})
    void changingAKeyOrPrefixGivesTheFormatsReason(Scheme scheme, String from, String to, SignatureFailure expected) {
        Sample sample = sample(scheme, new Random(scheme.ordinal()));
        String header = sample.headers().get(scheme.signatureHeader);
        assertThat(header).contains(from);

        assertThat(sample.verifyWith(scheme.signatureHeader, header.replace(from, to))).isEqualTo(expected);
    }

    /** What a timestamp header's text reads as, changed: 1 to 18 ASCII digits once trimmed, or malformed. */
    private static SignatureFailure byTimestampRule(String timestamp) {
        return Tampering.isTimestamp(timestamp.strip())
                ? SignatureFailure.NO_MATCHING_SIGNATURE
                : SignatureFailure.MALFORMED_SIGNATURE;
    }

    /** 64 hex digits: the same bytes in either case verify, other bytes do not match; anything else is malformed. */
    private static SignatureFailure byHexRule(String signature, String genuine) {
        if (!signature.matches("[0-9a-fA-F]{64}")) {
            return SignatureFailure.MALFORMED_SIGNATURE;
        }
        return signature.toLowerCase(Locale.ROOT).equals(genuine) ? null : SignatureFailure.NO_MATCHING_SIGNATURE;
    }

    /** Canonical padded base64 of 32 bytes, changed, does not match; any other text is malformed. */
    private static SignatureFailure byBase64Rule(String signature) {
        try {
            byte[] bytes = Base64.getDecoder().decode(signature);
            boolean canonical = bytes.length == 32 && Base64.getEncoder().encodeToString(bytes).equals(signature);
            return canonical ? SignatureFailure.NO_MATCHING_SIGNATURE : SignatureFailure.MALFORMED_SIGNATURE;
        } catch (IllegalArgumentException e) {
            return SignatureFailure.MALFORMED_SIGNATURE;
        }
    }

    private static Sample sample(Scheme scheme, Random random) {
        String secret = secret(scheme, random);
        byte[] body = body(random);
        String id = "msg_" + text(random, 1 + random.nextInt(30));
        Instant signedAt = Instant.ofEpochSecond(1_000_000_000L + random.nextInt(1_000_000_000));
        Instant receivedAt = signedAt.plusSeconds(random.nextInt(601) - 300);
        Map<String, String> headers = WebhookSigner.of(scheme.scheme, secret).sign(body, signedAt, id);
        return new Sample(scheme, secret, body, id, signedAt, receivedAt, headers);
    }

    private static String secret(Scheme scheme, Random random) {
        if (scheme == Scheme.STANDARD_WEBHOOKS) {
            byte[] key = new byte[16 + random.nextInt(49)];
            random.nextBytes(key);
            return (random.nextBoolean() ? "whsec_" : "") + Base64.getEncoder().encodeToString(key);
        }
        return text(random, 16 + random.nextInt(48));
    }

    /** Random bytes (often not UTF-8), JSON-like text, or nothing. */
    private static byte[] body(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> new byte[0];
            case 1, 2, 3 -> {
                byte[] bytes = new byte[1 + random.nextInt(1024)];
                random.nextBytes(bytes);
                yield bytes;
            }
            default -> ("{\"id\":\"" + text(random, 12) + "\",\"data\":{\"n\":" + random.nextLong() + "}}")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Text with no surrounding whitespace: ASCII, '?' (what an unencodable character becomes), non-ASCII, emoji. */
    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> text.append('?');
                case 1 -> text.appendCodePoint(0xE0 + random.nextInt(0x100));
                case 2 -> text.appendCodePoint(0x1F600 + random.nextInt(0x50));
                default -> text.append((char) ('!' + random.nextInt('~' - '!' + 1)));
            }
        }
        return text.toString();
    }

    private static String changeOneCharacter(String text, Random random) {
        int at = random.nextInt(text.length());
        char c = text.charAt(at) == '?' && random.nextBoolean() ? '\uD800' : other(text.charAt(at), random);
        return text.substring(0, at) + c + text.substring(at + 1);
    }

    /** A character from the replacement set that is not {@code original}. */
    private static char other(char original, Random random) {
        char c;
        do {
            c = CHARACTERS[random.nextInt(CHARACTERS.length)];
        } while (c == original);
        return c;
    }

    /** A character of the signature's own alphabet: hex digits in either case, or base64's 64 and padding. */
    private static char alphabetCharacter(Scheme scheme, Random random) {
        String alphabet = scheme == Scheme.STANDARD_WEBHOOKS
                ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
                : "0123456789abcdefABCDEF";
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return out.toString();
    }
}
