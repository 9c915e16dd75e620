package dev.hookline.hostile;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.hookline.delivery.Headers;
import dev.hookline.hostile.Hostile.Scheme;
import dev.hookline.signature.SignatureFailure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A validly signed delivery, then changed in one way the fuzzer chooses, together with exactly what verifying
 * it must give. The rule is the one the schemes implement: any change to the signed bytes (body, timestamp
 * text, message id) is {@code no_matching_signature}, unless the changed header no longer parses, which is
 * {@code malformed_signature}; a change that leaves the signed values as they were verifies.
 */
final class Tampering {

    /** What was changed. */
    enum Change { NONE, BODY, TIMESTAMP, ID, SIGNATURE, EXTRA_VALUE }

    /**
     * A tampered delivery and what verifying it must give.
     *
     * @param change what was changed (NONE also when the change left every signed value as it was)
     * @param headers the headers as delivered
     * @param body the body as delivered
     * @param signedAt the time the original was signed at
     * @param mayVerify whether the delivery may still be authentic (then only the tolerance can fail it)
     * @param failures the failures verification may end in
     */
    record Tampered(Scheme scheme, Change change, Headers headers, byte[] body, Instant signedAt, boolean mayVerify,
                    Set<SignatureFailure> failures) {

        /** Whether the signing time is outside the tolerance, which fails even an authentic delivery. */
        boolean stale(Instant receivedAt) {
            return scheme.signsTimestamp()
                    && Duration.between(signedAt, receivedAt).abs().compareTo(Hostile.TOLERANCE) > 0;
        }

        /**
         * Checks the result of verifying as of {@code receivedAt}.
         *
         * @param actual the failure, or null when verification succeeded
         * @throws AssertionError if the result is not one the change allows
         */
        void assertResult(SignatureFailure actual, Instant receivedAt) {
            boolean verifies = mayVerify && !stale(receivedAt);
            Set<SignatureFailure> allowed = EnumSet.noneOf(SignatureFailure.class);
            allowed.addAll(failures);
            if (mayVerify && stale(receivedAt)) {
                allowed.add(SignatureFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            }
            if (actual == null ? !verifies : !allowed.contains(actual)) {
                throw new AssertionError(scheme + " " + change + ": verification gave "
                        + (actual == null ? "success" : actual) + ", allowed " + (verifies ? "success, " : "")
                        + allowed);
            }
        }
    }

    private Tampering() {
    }

    /**
     * Signs {@code body} at {@code signedAt} (with message id {@code id} where the scheme signs one), then applies
     * one change the fuzzer picks.
     */
    static Tampered signAndTamper(Scheme scheme, byte[] body, Instant signedAt, String id, FuzzedDataProvider data) {
        Map<String, String> signed = new LinkedHashMap<>(scheme.signer().sign(body, signedAt, id));
        Change change = data.pickValue(Change.values());
        if (change == Change.TIMESTAMP && !scheme.signsTimestamp()
                || change == Change.ID && scheme != Scheme.STANDARD_WEBHOOKS) {
            change = Change.BODY;
        }
        return switch (change) {
            case NONE -> authentic(scheme, signed, body, signedAt);
            case BODY -> tamperBody(scheme, signed, body, signedAt, data);
            case TIMESTAMP -> tamperTimestamp(scheme, signed, body, signedAt,
                    edit(Long.toString(signedAt.getEpochSecond()), 40, data));
            case ID -> tamperId(scheme, signed, body, signedAt, edit(signed.get("webhook-id"), 80, data));
            case SIGNATURE -> tamperSignature(scheme, signed, body, signedAt,
                    edit(encodedSignature(scheme, signed.get(scheme.signatureHeader)), 200, data));
            case EXTRA_VALUE -> addValue(scheme, signed, body, signedAt, data);
        };
    }

    private static Tampered authentic(Scheme scheme, Map<String, String> signed, byte[] body, Instant signedAt) {
        return new Tampered(scheme, Change.NONE, Headers.of(signed), body, signedAt, true, Set.of());
    }

    private static Tampered tamperBody(Scheme scheme, Map<String, String> signed, byte[] body, Instant signedAt,
                                       FuzzedDataProvider data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        out.writeBytes(body);
        byte[] changed = out.toByteArray();
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits; i++) {
            int position = data.consumeInt(0, changed.length);
            byte value = data.consumeByte();
            switch (data.consumeInt(0, 2)) {
                case 0 -> {
                    if (position < changed.length) {
                        changed[position] = value;
                    }
                }
                case 1 -> changed = insert(changed, position, value);
                default -> changed = delete(changed, position);
            }
        }
        if (Arrays.equals(changed, body)) {
            return authentic(scheme, signed, body, signedAt);
        }
        return new Tampered(scheme, Change.BODY, Headers.of(signed), changed, signedAt, false,
                Set.of(SignatureFailure.NO_MATCHING_SIGNATURE));
    }

    /** Replaces the signed timestamp's text; in the Exa/Stripe header without commas, which would split it. */
    static Tampered tamperTimestamp(Scheme scheme, Map<String, String> signed, byte[] body, Instant signedAt,
                                    String value) {
        String original = Long.toString(signedAt.getEpochSecond());
        Headers headers;
        if (scheme.timestampInSignatureHeader()) {
            value = value.replace(",", "");
            String header = signed.get(scheme.signatureHeader);
            String v1 = header.substring(header.indexOf(",v1="));
            headers = Hostile.replace(signed, scheme.signatureHeader, "t=" + value + v1);
        } else {
            headers = Hostile.replace(signed, "webhook-timestamp", value);
        }
        String read = value.strip();
        if (read.equals(original)) {
            return new Tampered(scheme, Change.NONE, headers, body, signedAt, true, Set.of());
        }
        return new Tampered(scheme, Change.TIMESTAMP, headers, body, signedAt, false,
                Set.of(isTimestamp(read) ? SignatureFailure.NO_MATCHING_SIGNATURE : SignatureFailure.MALFORMED_SIGNATURE));
    }

    /** Replaces the Standard Webhooks message id. */
    static Tampered tamperId(Scheme scheme, Map<String, String> signed, byte[] body, Instant signedAt, String value) {
        String original = signed.get("webhook-id");
        Headers headers = Hostile.replace(signed, "webhook-id", value);
        String read = value.strip();
        if (read.equals(original)) {
            return new Tampered(scheme, Change.NONE, headers, body, signedAt, true, Set.of());
        }
        boolean readable = !read.isEmpty() && StandardCharsets.UTF_8.newEncoder().canEncode(read);
        return new Tampered(scheme, Change.ID, headers, body, signedAt, false,
                Set.of(readable ? SignatureFailure.NO_MATCHING_SIGNATURE : SignatureFailure.MALFORMED_SIGNATURE));
    }

    /**
     * Replaces the encoded signature. It may verify only if the replacement still holds the genuine encoding
     * (hex in either case, which decodes to the same bytes; base64 exactly).
     */
    private static Tampered tamperSignature(Scheme scheme, Map<String, String> signed, byte[] body, Instant signedAt,
                                            String value) {
        String header = signed.get(scheme.signatureHeader);
        String genuine = encodedSignature(scheme, header);
        String replaced = header.substring(0, header.length() - genuine.length()) + value;
        boolean stillThere = scheme == Scheme.STANDARD_WEBHOOKS
                ? value.contains(genuine)
                : value.toLowerCase(Locale.ROOT).contains(genuine);
        if (replaced.equals(header)) {
            return authentic(scheme, signed, body, signedAt);
        }
        return new Tampered(scheme, Change.SIGNATURE, Hostile.replace(signed, scheme.signatureHeader, replaced), body,
                signedAt, stillThere,
                EnumSet.of(SignatureFailure.MALFORMED_SIGNATURE, SignatureFailure.NO_MATCHING_SIGNATURE));
    }

    /** Adds one more value to one of the scheme's headers, before or after the genuine ones. */
    private static Tampered addValue(Scheme scheme, Map<String, String> signed, byte[] body, Instant signedAt,
                                     FuzzedDataProvider data) {
        String name = data.pickValue(scheme.headerNames());
        boolean first = data.consumeBoolean();
        String extra = data.consumeString(200);
        Headers.Builder builder = Headers.builder();
        if (first) {
            builder.add(name, extra);
        }
        signed.forEach(builder::add);
        if (!first) {
            builder.add(name, extra);
        }
        if (name.equals("webhook-id") || name.equals("webhook-timestamp")) {
            // the id and the timestamp are single values: two of either is malformed, whatever they hold
            return new Tampered(scheme, Change.EXTRA_VALUE, builder.build(), body, signedAt, false,
                    Set.of(SignatureFailure.MALFORMED_SIGNATURE));
        }
        // an extra signature value may be harmless (blank, another version, another signature): any may match
        return new Tampered(scheme, Change.EXTRA_VALUE, builder.build(), body, signedAt, true,
                EnumSet.of(SignatureFailure.MALFORMED_SIGNATURE, SignatureFailure.NO_MATCHING_SIGNATURE));
    }

    /** The fuzzer's text, or {@code original} with one character replaced, inserted or removed. */
    private static String edit(String original, int maxLength, FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 3);
        if (mode == 0 || original.isEmpty()) {
            return data.consumeString(maxLength);
        }
        StringBuilder text = new StringBuilder(original);
        int position = data.consumeInt(0, original.length() - 1);
        switch (mode) {
            case 1 -> text.setCharAt(position, data.consumeChar());
            case 2 -> text.insert(position, data.consumeChar());
            default -> text.deleteCharAt(position);
        }
        return text.toString();
    }

    /** The encoded signature in a signed header: the hex or base64 after its prefix. */
    private static String encodedSignature(Scheme scheme, String header) {
        return switch (scheme) {
            case EXA, STRIPE -> header.substring(header.indexOf(",v1=") + 4);
            case STANDARD_WEBHOOKS -> header.substring(3);
            case GITHUB -> header.substring("sha256=".length());
            default -> header;
        };
    }

    /** What the schemes read as a timestamp: 1 to 18 ASCII digits. */
    static boolean isTimestamp(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] insert(byte[] bytes, int position, byte value) {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, position);
        out[position] = value;
        System.arraycopy(bytes, position, out, position + 1, bytes.length - position);
        return out;
    }

    private static byte[] delete(byte[] bytes, int position) {
        if (position >= bytes.length) {
            return bytes;
        }
        byte[] out = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, out, 0, position);
        System.arraycopy(bytes, position + 1, out, position, bytes.length - position - 1);
        return out;
    }
}
