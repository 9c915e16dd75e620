package dev.hookline.hostile;

import static dev.hookline.hostile.Hostile.NOW;
import static dev.hookline.hostile.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hookline.Outcome;
import dev.hookline.dedupe.InMemoryDeduplicator;
import dev.hookline.delivery.Delivery;
import dev.hookline.delivery.Headers;
import dev.hookline.delivery.Reason;
import dev.hookline.event.PayloadFailure;
import dev.hookline.hostile.Hostile.Scheme;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validly signed bodies built to exhaust a parser: deep nesting, enormous numbers and names, long strings. Each
 * is answered promptly with the outcome the documented limits give (nesting depth 256, and Jackson's default
 * number length of 1,000 characters and name length of 50,000), exactly at each limit and just past it. The
 * time bound only guards against a hang; it is not a performance claim.
 */
class HostilePayloadTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(2);
    /** A type Exa documents with raw JSON data, so that any data shape is accepted. */
    private static final String RAW_TYPE = "webset.export.created";

    @ParameterizedTest
    @ValueSource(ints = {257, 1_000, 10_000, 100_000})
    void dataNestedDeeperThanTheLimitIsNotJson(int depth) {
        assertOutcome(exa(RAW_TYPE, "[".repeat(depth - 1) + "]".repeat(depth - 1)), Outcome.Status.MALFORMED,
                PayloadFailure.NOT_JSON);
        assertOutcome(exa(RAW_TYPE, "{\"a\":".repeat(depth - 1) + "1" + "}".repeat(depth - 1)),
                Outcome.Status.MALFORMED, PayloadFailure.NOT_JSON);
    }

    @Test
    void dataNestedExactlyToTheLimitIsRead() {
        // the envelope object is the first level, data the second
        int levels = 256 - 1;
        assertOutcome(exa(RAW_TYPE, "[".repeat(levels) + "]".repeat(levels)), Outcome.Status.ACCEPTED, null);
        assertOutcome(exa(RAW_TYPE, "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1)),
                Outcome.Status.ACCEPTED, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_001, 100_000, 1_000_000})
    void aNumberLongerThanTheLimitIsNotJson(int digits) {
        assertOutcome(exa(RAW_TYPE, "{\"n\":" + "7".repeat(digits) + "}"), Outcome.Status.MALFORMED,
                PayloadFailure.NOT_JSON);
        assertOutcome(exa(RAW_TYPE, "{\"n\":0." + "3".repeat(digits) + "}"), Outcome.Status.MALFORMED,
                PayloadFailure.NOT_JSON);
        assertOutcome(exa(RAW_TYPE, "{\"n\":1e" + "9".repeat(digits) + "}"), Outcome.Status.MALFORMED,
                PayloadFailure.NOT_JSON);
    }

    @Test
    void aNumberOfExactlyTheLimitIsRead() {
        assertOutcome(exa(RAW_TYPE, "{\"n\":" + "7".repeat(1_000) + "}"), Outcome.Status.ACCEPTED, null);
    }

    @Test
    void aHugeExponentIsReadAsJsonButDoesNotBindToACount() {
        assertOutcome(exa(RAW_TYPE, "{\"n\":1e1000000}"), Outcome.Status.ACCEPTED, null);
        assertOutcome(exa("webset.search.created", "{\"id\":\"s\",\"count\":1e1000000}"), Outcome.Status.MALFORMED,
                PayloadFailure.INVALID_EVENT_DATA);
        assertOutcome(exa("webset.search.created", "{\"id\":\"s\",\"count\":" + "9".repeat(1_000) + "}"),
                Outcome.Status.MALFORMED, PayloadFailure.INVALID_EVENT_DATA);
    }

    @Test
    void anEventTimeThatIsAHugeNumberIsNoEventTime() {
        byte[] body = utf8("{\"id\":\"evt_time\",\"object\":\"event\",\"type\":\"webset.created\",\"data\":{},"
                + "\"createdAt\":" + "9".repeat(1_000) + "}");
        Scheme scheme = Scheme.EXA;
        Headers headers = Headers.of(scheme.signer().sign(body, NOW, null));

        Outcome outcome = assertTimeoutPreemptively(HANG_GUARD, () -> Hostile.endpoint(scheme,
                InMemoryDeduplicator.create(), Duration.ofHours(1)).receive(Delivery.of(headers, body)));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.MALFORMED);
        assertThat(outcome.reason()).isEqualTo(PayloadFailure.MISSING_EVENT_TIME);
    }

    @Test
    void aPropertyNameOfExactlyTheLimitIsReadAndOneLongerIsNotJson() {
        assertOutcome(exa(RAW_TYPE, "{\"" + "k".repeat(50_000) + "\":1}"), Outcome.Status.ACCEPTED, null);
        assertOutcome(exa(RAW_TYPE, "{\"" + "k".repeat(50_001) + "\":1}"), Outcome.Status.MALFORMED,
                PayloadFailure.NOT_JSON);
    }

    @Test
    void aSixteenMegabyteStringIsRead() {
        assertOutcome(exa(RAW_TYPE, "{\"s\":\"" + "x".repeat(16 * 1024 * 1024) + "\"}"), Outcome.Status.ACCEPTED,
                null);
    }

    @Test
    void aHundredThousandMembersAreRead() {
        StringBuilder data = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            data.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertOutcome(exa(RAW_TYPE, data.append('}').toString()), Outcome.Status.ACCEPTED, null);
    }

    @Test
    void aHundredThousandRepeatsOfOneMemberAreRead() {
        // the tree keeps the last value; binding a record sees the same
        assertOutcome(exa(RAW_TYPE, "{" + "\"k\":1,".repeat(100_000) + "\"k\":2}"), Outcome.Status.ACCEPTED, null);
        assertOutcome(exa("webset.created", "{" + "\"title\":\"t\",".repeat(100_000) + "\"id\":\"ws\"}"),
                Outcome.Status.ACCEPTED, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "\"event\"", "{}{}", "{} x", "{\"id\":\"e\",\"type\":\"t\"} {"})
    void aBodyThatIsNotOneJsonObjectIsNotJson(String body) {
        assertOutcome(utf8(body), Outcome.Status.MALFORMED, PayloadFailure.NOT_JSON);
    }

    /** An Exa envelope of {@code type} with {@code data} as its data, verbatim. */
    private static byte[] exa(String type, String data) {
        return utf8("{\"id\":\"evt_hostile\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":" + data
                + ",\"createdAt\":\"2026-05-02T12:00:00Z\"}");
    }

    /** Signs {@code body} validly for Exa, receives it, and checks the outcome. */
    private static void assertOutcome(byte[] body, Outcome.Status status, Reason reason) {
        Scheme scheme = Scheme.EXA;
        Headers headers = Headers.of(scheme.signer().sign(body, NOW, null));

        Outcome outcome = assertTimeoutPreemptively(HANG_GUARD, () -> Hostile.endpoint(scheme,
                InMemoryDeduplicator.create(), null).receive(Delivery.of(headers, body)));

        Hostile.assertWellFormed(outcome, scheme, headers, body);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(status);
        assertThat(outcome.reason()).as(outcome.toString()).isEqualTo(reason);
    }
}
