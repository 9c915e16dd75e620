package dev.hookline.cli;

import java.util.List;

/**
 * A delivery and the receiver's answers to it: one, or two with {@code --twice}.
 *
 * @param delivery what was posted
 * @param responses what came back, in order
 */
public record SendReport(SampleDelivery delivery, List<Response> responses) {

    /** Copies the responses. */
    public SendReport {
        responses = List.copyOf(responses);
    }

    /**
     * Whether every answer is what a correct receiver gives: 401 for a tampered body or an old
     * timestamp, 2xx for a genuine delivery (a repeat included, as duplicates are acknowledged).
     */
    public boolean asExpected() {
        boolean refusal = delivery.request().expectsRefusal();
        return responses.stream().allMatch(r -> refusal ? r.status() == 401 : r.isSuccess());
    }

    /** What a correct receiver answers, in words. */
    public String expectation() {
        SendRequest request = delivery.request();
        if (request.tamper()) {
            return "401, as a body changed after signing must be refused";
        }
        if (request.oldTimestamp()) {
            return "401, as a signature " + SampleDelivery.OLD_TIMESTAMP_AGE.toMinutes()
                    + " minutes old is past the 5-minute tolerance";
        }
        if (request.twice()) {
            return "2xx both times: the repeat is acknowledged as a duplicate and not handled again";
        }
        return "2xx, as for any genuine delivery";
    }
}
