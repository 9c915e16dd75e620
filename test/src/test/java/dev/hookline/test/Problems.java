package dev.hookline.test;

import dev.hookline.delivery.Reason;
import java.nio.charset.StandardCharsets;

/** Problem bodies as Hookline's adapters write them, for the test receivers. */
public final class Problems {

    private Problems() {
    }

    /** {@code {"type", "status", "detail", "reason"}} for a reason whose code and description need no escaping. */
    public static byte[] json(int status, Reason reason) {
        return ("{\"type\":\"urn:hookline:reason:" + reason.code() + "\",\"status\":" + status + ",\"detail\":\""
                + reason.description() + "\",\"reason\":\"" + reason.code() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
