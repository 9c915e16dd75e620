package dev.hookline.cli;

import dev.hookline.providers.ProviderApiException;
import dev.hookline.providers.Sleeper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code hookline} command, {@code java -jar hookline.jar <command> ...}: {@code send} signs a sample event
 * and posts it to a receiver; {@code webhooks} manages a provider's webhooks; {@code events} lists Exa's events and
 * replays them to a receiver.
 *
 * <p>Results go to standard output (as JSON with {@code --json}), notes and errors to standard error, never with a
 * stack trace. Exit status: {@link #OK}, {@link #FAILED} when the provider's API, the network or the receiver
 * failed, {@link #USAGE} for a bad command line. API keys and secrets are read from the environment (or given as
 * options, with a warning) and never printed, but for the one secret {@code webhooks create} shows once.
 */
public final class Hookline {

    /** Done. */
    public static final int OK = 0;
    /** The API, the network or the receiver failed, or an answer was not what it should be. */
    public static final int FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    /** The text {@code --help} prints. */
    public static final String HELP = """
            Usage: java -jar hookline.jar <command> [options]

            Commands:
              send               sign a sample event the way a provider does and post it to a receiver
              webhooks create    register a webhook with Exa or Encrata; prints its secret, this once
              webhooks list      list the webhooks
              webhooks get       show one webhook
              webhooks update    change a webhook; pause or resume an Encrata webhook
              webhooks delete    remove a webhook
              webhooks attempts  list a webhook's delivery attempts (Exa) or latest deliveries (Encrata)
              webhooks test      ask Encrata to send a test event
              events list        list the events Exa emitted
              events get         show one event
              events replay      post Exa's events of a time window, signed, to a receiver that missed them

            Every command takes --help. Those that call a provider's API take --provider exa|encrata,
            --api-url URL, --json, and read the API key from EXA_API_KEY or ENCRATA_API_KEY.

            Exit status: 0 done, 1 the API, the network or the receiver failed, 2 a bad command line.
            """;

    private final Context context;

    /**
     * A command line writing to the given streams and reading keys and secrets from {@code environment}.
     *
     * @param out results
     * @param err notes, warnings and errors
     * @param environment the variables, such as {@link System#getenv()}
     */
    public Hookline(PrintStream out, PrintStream err, Map<String, String> environment) {
        this(new Context(out, err, Map.copyOf(environment), Sleeper.threadSleep(), Clock.systemUTC(),
                new WebhookSender()));
    }

    Hookline(Context context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new Hookline(System.out, System.err, System.getenv()).run(args));
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments
     * @return the exit status: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public int run(String... args) {
        List<String> all = Arrays.asList(args);
        try {
            if (all.isEmpty()) {
                context.err().println("error: no command given");
                context.err().print(HELP);
                return USAGE;
            }
            List<String> rest = all.subList(1, all.size());
            return switch (all.get(0)) {
                case "--help", "-h", "help" -> {
                    context.out().print(HELP);
                    yield OK;
                }
                case "send" -> new SendCli(context.sender(), context.out(), context.err())
                        .run(args, context.environment());
                case "webhooks" -> new WebhooksCommand(context).run(rest);
                case "events" -> new EventsCommand(context).run(rest);
                default -> throw new UsageException("unknown command '" + all.get(0)
                        + "': expected send, webhooks or events; --help lists them");
            };
        } catch (UsageException e) {
            context.err().println("error: " + e.getMessage());
            return USAGE;
        } catch (ProviderApiException e) {
            context.out().flush();
            context.err().println("error: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // no stack trace, and only the type: a message from elsewhere is not known to be free of secrets
            context.out().flush();
            context.err().println("error: " + e.getClass().getName() + " (unexpected; please report it)");
            return FAILED;
        }
    }
}
