package dev.hookline.cli;

import dev.hookline.providers.RecordingSleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One run of the {@code hookline} command line in the test's process: its exit status and everything it printed.
 *
 * @param status the exit status
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CliRun(int status, String out, String err) {

    /** Runs a command line with these variables, the system clock, and retries that do not wait. */
    static CliRun run(Map<String, String> environment, String... args) {
        return run(environment, Clock.systemUTC(), args);
    }

    /** Runs a command line with these variables and clock, and retries that do not wait. */
    static CliRun run(Map<String, String> environment, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context context = new Context(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, new RecordingSleeper(), clock,
                new WebhookSender());
        int status = new Hookline(context).run(args);
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The lines of standard output. */
    List<String> outLines() {
        return out.lines().toList();
    }

    /** The lines of standard error. */
    List<String> errLines() {
        return err.lines().toList();
    }
}
