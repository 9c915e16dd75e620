package dev.hookline.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.delivery.Reason;
import dev.hookline.signature.SignatureFailure;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProblemJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<?, ?> parse(byte[] json) {
        return JSON.readValue(json, Map.class);
    }

    @Test
    void writesTheFiveMembersOfAProblem() {
        byte[] json = ProblemJson.of(401, SignatureFailure.NO_MATCHING_SIGNATURE);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"urn:hookline:reason:no_matching_signature\","
                + "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"No signature matches the payload.\","
                + "\"reason\":\"no_matching_signature\"}");
    }

    @Test
    void aReadTimeoutIsA408Problem() {
        assertThat(new String(ProblemJson.of(408, RequestFailure.BODY_READ_TIMEOUT), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"urn:hookline:reason:body_read_timeout\",\"title\":\"Request Timeout\",\"status\":408,"
                        + "\"detail\":\"The payload did not arrive in time.\",\"reason\":\"body_read_timeout\"}");
    }

    @Test
    void escapesEveryCharacterJsonRequires() {
        String tricky = "quote \" backslash \\ newline \n tab \t bell \u0007 delete \u007f separator \u2028 é ✓ 😀";
        Reason reason = new Reason() {
            @Override
            public String code() {
                return "custom";
            }

            @Override
            public String description() {
                return tricky;
            }
        };

        Map<?, ?> problem = parse(ProblemJson.of(500, reason));

        assertThat(problem.get("detail")).isEqualTo(tricky);
        assertThat(new String(ProblemJson.of(500, reason), StandardCharsets.UTF_8))
                .doesNotContain("\n", "\t", "\u0007", "\u2028");
    }

    @Test
    void aCodeThatCannotStandInAUrnGetsTheBlankType() {
        Reason odd = new Reason() {
            @Override
            public String code() {
                return "Not A:Code";
            }

            @Override
            public String description() {
                return "odd";
            }
        };

        Map<?, ?> problem = parse(ProblemJson.of(400, odd));

        assertThat(problem.get("type")).isEqualTo("about:blank");
        assertThat(problem.get("reason")).isEqualTo("Not A:Code");
        assertThat(problem.get("title")).isEqualTo("Bad Request");
    }

    @Test
    void titlesAreTheHttpReasonPhrases() {
        assertThat(ProblemJson.title(400)).isEqualTo("Bad Request");
        assertThat(ProblemJson.title(401)).isEqualTo("Unauthorized");
        assertThat(ProblemJson.title(405)).isEqualTo("Method Not Allowed");
        assertThat(ProblemJson.title(408)).isEqualTo("Request Timeout");
        assertThat(ProblemJson.title(413)).isEqualTo("Content Too Large");
        assertThat(ProblemJson.title(500)).isEqualTo("Internal Server Error");
        assertThat(ProblemJson.title(503)).isEqualTo("Service Unavailable");
    }
}
