package dev.hookline.cli;

import dev.hookline.providers.ExaClient;
import dev.hookline.providers.ExaEvent;
import dev.hookline.providers.ExaEventQuery;
import dev.hookline.providers.Page;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code hookline events list|get|replay}: the events Exa emitted. */
final class EventsCommand {

    static final String USAGE = """
            Usage: java -jar hookline.jar events <command> [--provider exa] [options]

            The events Exa emitted, from its events API (Encrata has none).

            Commands:
              list      list events, newest first
              get       show one event
              replay    post events, signed as Exa signs them, to a receiver: the recovery after downtime

            'java -jar hookline.jar events <command> --help' tells more.
            """;

    private static final String LIST_USAGE = """
            Usage: java -jar hookline.jar events list [--provider exa] [--since TIME] [--until TIME]
                                                      [--types TYPE[,TYPE...]] [--limit N] [--cursor C]

            Lists Exa's events, newest first, one line each: time, type, id. Every page to the end, unless --limit
            or --cursor asks for one page (the next page's cursor then goes to standard error).

            Options:
              --provider NAME   exa (the default; Encrata has no events API)
              --since TIME      events created at or after TIME: ISO-8601 (2026-05-01T12:00:00Z), a date, or a
                                time ago such as 2h, 30m, 3d
              --until TIME      events created at or before TIME, in the same forms
              --types TYPES     only these event types, comma-separated
              --limit N         one page of N events (1 to 200)
              --cursor C        the page at this cursor
            """ + ApiAccess.OPTIONS_HELP;

    private static final String GET_USAGE = """
            Usage: java -jar hookline.jar events get [--provider exa] --id ID

            Shows one event: its id, type, time and data.

            Options:
              --provider NAME   exa (the default)
              --id ID           the event's id (required)
            """ + ApiAccess.OPTIONS_HELP;

    private final Context context;

    EventsCommand(Context context) {
        this.context = context;
    }

    /**
     * Runs {@code events ...}.
     *
     * @param args what follows {@code events}
     * @return the exit status
     * @throws UsageException for a bad command line
     */
    int run(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("events needs a command: list, get or replay");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (command) {
            case "--help", "-h", "help" -> {
                context.out().print(USAGE);
                yield Hookline.OK;
            }
            case "list" -> list(options("list", rest, Set.of("--since", "--until", "--types", "--limit", "--cursor")));
            case "get" -> get(options("get", rest, Set.of("--id")));
            case "replay" -> new ReplayCommand(context).run(options("replay", rest, ReplayCommand.OPTIONS));
            default -> throw new UsageException("unknown events command '" + command + "': expected list, get or replay");
        };
    }

    static Options options(String command, List<String> args, Set<String> values) throws UsageException {
        Set<String> allValues = new HashSet<>(values);
        allValues.addAll(ApiAccess.VALUE_OPTIONS);
        return Options.parse("events " + command, args, allValues, Set.of(), ApiAccess.FLAGS);
    }

    /** Exa's client; Encrata, which has no events API, is refused. */
    static ExaClient exa(Context context, Options options, Printer printer) throws UsageException {
        if (ApiAccess.provider(options, ApiAccess.Api.EXA) != ApiAccess.Api.EXA) {
            throw new UsageException("encrata has no events API; its latest deliveries are listed by "
                    + "'webhooks attempts --provider encrata --id ID'");
        }
        return ApiAccess.of(ApiAccess.Api.EXA, options, context.environment(), printer, context.sleeper()).exa();
    }

    private int list(Options options) throws UsageException {
        if (options.help()) {
            context.out().print(LIST_USAGE);
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        Instant now = context.clock().instant();
        ExaEventQuery query = new ExaEventQuery(options.list("--types"),
                options.value("--since") == null ? null : TimeArgument.parse("--since", options.value("--since"), now),
                options.value("--until") == null ? null : TimeArgument.parse("--until", options.value("--until"), now),
                options.value("--cursor"), options.number("--limit", 1, 200));
        ExaClient exa = exa(context, options, printer);
        if (query.limit() != null || query.cursor() != null) {
            Page<ExaEvent> page = exa.listEvents(query);
            page.data().forEach(event -> print(printer, event));
            if (page.hasNext()) {
                printer.note("more: --cursor " + page.nextCursor());
            }
        } else {
            try (Stream<ExaEvent> all = exa.allEvents(query)) {
                all.forEach(event -> print(printer, event));
            }
        }
        return Hookline.OK;
    }

    private static void print(Printer printer, ExaEvent event) {
        if (printer.json()) {
            printer.document(event.toJson());
        } else {
            printer.line(event.createdAt() + "  " + event.type() + "  id=" + event.id());
        }
    }

    private int get(Options options) throws UsageException {
        if (options.help()) {
            context.out().print(GET_USAGE);
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        String id = options.required("--id");
        ExaEvent event = exa(context, options, printer).getEvent(id);
        if (printer.json()) {
            printer.document(event.toJson());
        } else {
            printer.line("id:          " + event.id());
            printer.line("type:        " + event.type());
            printer.line("created:     " + event.createdAt());
            printer.line("data:");
            printer.line(Printer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event.data()));
        }
        return Hookline.OK;
    }
}
