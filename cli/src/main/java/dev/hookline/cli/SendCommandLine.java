package dev.hookline.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the arguments of {@code send}: {@code send} with options, {@code --list} or {@code --help}. Options
 * take their value as the next argument or after {@code =} ({@code --url=http://...}).
 */
public final class SendCommandLine {

    /** The usage text printed by {@code --help}. */
    public static final String USAGE = """
            Usage:
              java -jar hookline.jar send --provider exa|encrata|standard|svix|stripe|github [options]
              java -jar hookline.jar send --list [--provider NAME]
              java -jar hookline.jar send --help

            Signs a sample event the way the provider does and POSTs it.

            Options for send:
              --provider NAME   exa, encrata, standard, svix, stripe or github (required)
              --event TYPE      the event type (default: lookup.completed for encrata, else
                                webset.item.created); --list shows them all. Standard Webhooks and Svix
                                send the data of the Exa sample of that name (else the Encrata one) as
                                {"type", "timestamp", "data"}, Stripe as {"id", "object", "type", "created",
                                "data": {"object"}}, GitHub as the body with X-GitHub-Event set to TYPE
              --url URL         where to post (default: http://localhost:8080/webhooks/<provider>)
              --secret SECRET   the signing secret (default: $<PROVIDER>_WEBHOOK_SECRET, such as
                                $EXA_WEBHOOK_SECRET, if set, else the demo secret the sample receiver also
                                uses); a whsk_ key signs Standard Webhooks and Svix with Ed25519 (v1a).
                                Prefer the variable: arguments are visible to other users
              --tamper          change one byte of the body after signing (expect 401)
              --old-timestamp   sign as of 10 minutes ago (expect 401); not for encrata or github, which sign
                                no time
              --twice           post the same signed delivery twice (expect 2xx twice, handled once)

            Each post prints one line: <provider> <type> id=<event id> -> <status> [reason=<reason>].
            Exit status: 0 if every answer is what a correct receiver gives (2xx, or 401 with --tamper or
            --old-timestamp), 1 if not or if the receiver cannot be reached, 2 for a bad command line.
            """;

    private static final Set<String> VALUE_OPTIONS = Set.of("--provider", "--event", "--url", "--secret");
    private static final Set<String> FLAGS = Set.of("--tamper", "--old-timestamp", "--twice", "--list", "--help");
    private static final String PROVIDERS = "exa, encrata, standard, svix, stripe or github";

    private SendCommandLine() {
    }

    /**
     * Reads a command line.
     *
     * @param args the arguments
     * @param environment where default secrets are looked up
     * @return what to do
     * @throws UsageException if the arguments make no sense; the message says why, and never holds the secret
     */
    public static SendCommand parse(List<String> args, Map<String, String> environment) throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        boolean send = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h")) {
                arg = "--help";
            }
            if (!arg.startsWith("-")) {
                if (!send && values.isEmpty() && flags.isEmpty() && arg.equals("send")) {
                    send = true;
                    continue;
                }
                throw new UsageException(send || !values.isEmpty() || !flags.isEmpty()
                        ? "unexpected argument '" + arg + "'"
                        : "unknown command '" + arg + "': expected send, --list or --help");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (VALUE_OPTIONS.contains(name)) {
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    value = "";
                }
                if (value.isEmpty()) {
                    throw new UsageException(name + " needs a value" + hint(name));
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw new UsageException(name + " is given more than once");
                }
            } else if (FLAGS.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException(name + " takes no value");
                }
                if (!flags.add(name)) {
                    throw new UsageException(name + " is given more than once");
                }
            } else {
                throw new UsageException("unknown option '" + name + "'; --help lists the options");
            }
        }

        if (flags.contains("--help")) {
            return new SendCommand.Help();
        }
        SampleProvider provider = values.containsKey("--provider") ? provider(values.get("--provider")) : null;
        if (flags.contains("--list")) {
            Set<String> others = new HashSet<>(values.keySet());
            others.addAll(flags);
            others.removeAll(Set.of("--list", "--provider"));
            if (!others.isEmpty()) {
                throw new UsageException("--list takes only --provider, not " + String.join(", ", others.stream().sorted().toList()));
            }
            return new SendCommand.ListEvents(provider);
        }
        if (!send) {
            throw new UsageException(args.isEmpty()
                    ? "nothing to do: give send, --list or --help"
                    : "missing the command: put send before the options");
        }
        if (provider == null) {
            throw new UsageException("send needs --provider " + PROVIDERS);
        }
        try {
            return new SendCommand.Send(new SendRequest(provider,
                    values.getOrDefault("--event", provider.defaultEvent()),
                    url(values.get("--url"), provider),
                    values.containsKey("--secret") ? values.get("--secret") : provider.defaultSecret(environment),
                    flags.contains("--tamper"), flags.contains("--old-timestamp"), flags.contains("--twice")));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static SampleProvider provider(String name) throws UsageException {
        return SampleProvider.byId(name)
                .orElseThrow(() -> new UsageException("unknown provider '" + name + "': expected " + PROVIDERS));
    }

    private static URI url(String text, SampleProvider provider) throws UsageException {
        if (text == null) {
            return provider.defaultUrl();
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("--url must be an absolute http:// or https:// URL, was '" + text + "'");
        }
    }

    private static String hint(String option) {
        return switch (option) {
            case "--provider" -> ": " + PROVIDERS;
            case "--event" -> ": an event type such as webset.item.created; --list shows them";
            case "--url" -> ": such as http://localhost:8080/webhooks/exa";
            default -> "";
        };
    }
}
