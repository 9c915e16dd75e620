package dev.hookline.signature;

import static dev.hookline.signature.SignatureFixtures.NOW;
import static dev.hookline.signature.SignatureFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching a delivery's candidate signatures against every key's MAC. */
class VerificationContextTest {

    private static final byte[] PREFIX = utf8("1772366400.");
    private static final byte[] BODY = utf8("{\"id\":\"evt_1\"}");

    private final SigningKey current = SigningKey.hmacSha256(utf8("the current secret, 32 bytes long"));
    private final SigningKey previous = SigningKey.hmacSha256(utf8("the previous secret, also long enough"));

    private VerificationContext context(SigningKey... keys) {
        return new VerificationContext(List.of(keys), NOW, null);
    }

    @Test
    void anyCandidateMatchingAnyKeyMatches() {
        byte[] byPrevious = previous.mac(PREFIX, BODY);
        byte[] other = current.mac(utf8("1772366401."), BODY);

        assertThat(context(current, previous).anyMatches(List.of(other, byPrevious), PREFIX, BODY)).isTrue();
        assertThat(context(current).anyMatches(List.of(other, byPrevious), PREFIX, BODY)).isFalse();
        assertThat(context(previous).anyMatches(List.of(byPrevious), null, BODY)).isFalse();
        assertThat(context(previous).anyMatches(List.of(previous.mac(BODY)), null, BODY)).isTrue();
    }

    @Test
    void aCandidateInPlaceAsHexDigitsMatchesAsItsDecodedBytesWould() {
        byte[] byPrevious = previous.mac(PREFIX, BODY);
        byte[] other = current.mac(utf8("1772366401."), BODY);
        String header = "t=1772366400,v1=" + HexFormat.of().formatHex(byPrevious) + ",v1=x";
        int from = "t=1772366400,v1=".length();

        assertThat(context(current, previous).anyMatches(header, from, null, PREFIX, BODY)).isTrue();
        assertThat(context(current).anyMatches(header, from, null, PREFIX, BODY)).isFalse();
        assertThat(context(current, previous).anyMatches(header, from, null, null, BODY)).isFalse();
        // the one in place, or any of the others, for any key
        String otherHeader = "v1=" + HexFormat.of().formatHex(other);
        assertThat(context(previous).anyMatches(otherHeader, 3, List.of(other, byPrevious), PREFIX, BODY)).isTrue();
        assertThat(context(previous).anyMatches(otherHeader, 3, List.of(other), PREFIX, BODY)).isFalse();
        assertThat(context(previous).anyMatches(null, 0, List.of(byPrevious), PREFIX, BODY)).isTrue();
        assertThat(context(previous).anyMatches(null, 0, null, PREFIX, BODY)).isFalse();
    }

    @Test
    void aCandidateOfAnotherLengthOrNoneMatchesNothing() {
        byte[] mac = current.mac(PREFIX, BODY);

        assertThat(context(current).anyMatches(List.of(Arrays.copyOf(mac, 31)), PREFIX, BODY)).isFalse();
        assertThat(context(current).anyMatches(List.of(Arrays.copyOf(mac, 33)), PREFIX, BODY)).isFalse();
        assertThat(context(current).anyMatches(List.of(), PREFIX, BODY)).isFalse();
    }
}
