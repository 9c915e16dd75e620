package dev.hookline.cli;

import dev.hookline.providers.Sleeper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * What every command runs with: the output streams, the environment, how API retries wait, the clock, and the
 * poster of signed deliveries.
 *
 * @param out standard output: results
 * @param err standard error: notes, warnings, errors
 * @param environment the variables keys and secrets are read from
 * @param sleeper how API retries wait
 * @param clock the current time, for times ago and signatures
 * @param sender posts signed deliveries
 */
record Context(PrintStream out, PrintStream err, Map<String, String> environment, Sleeper sleeper, Clock clock,
               WebhookSender sender) {

    /** A printer of results, as JSON or as text. */
    Printer printer(boolean json) {
        return new Printer(out, err, json);
    }
}
