package dev.hookline.cli;

import dev.hookline.providers.EncrataClient;
import dev.hookline.providers.EncrataDelivery;
import dev.hookline.providers.EncrataTestDelivery;
import dev.hookline.providers.EncrataWebhook;
import dev.hookline.providers.EncrataWebhookUpdate;
import dev.hookline.providers.ExaAttemptQuery;
import dev.hookline.providers.ExaClient;
import dev.hookline.providers.ExaWebhook;
import dev.hookline.providers.ExaWebhookAttempt;
import dev.hookline.providers.ExaWebhookUpdate;
import dev.hookline.providers.Page;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code hookline webhooks create|list|get|update|delete|attempts|test}: a provider's webhooks. */
final class WebhooksCommand {

    static final String USAGE = """
            Usage: java -jar hookline.jar webhooks <command> --provider exa|encrata [options]

            Manages the webhooks a provider delivers to.

            Commands:
              create     register a webhook; prints its signing secret, this once
              list       list the webhooks
              get        show one webhook
              update     change a webhook's URL, events or metadata; pause or resume it (encrata)
              delete     remove a webhook
              attempts   list a webhook's delivery attempts (exa) or its 50 latest deliveries (encrata)
              test       ask encrata to send a test event to a webhook

            'java -jar hookline.jar webhooks <command> --help' tells more.
            """;

    private static final String CREATE_USAGE = """
            Usage: java -jar hookline.jar webhooks create --provider exa|encrata --url URL --events TYPE[,TYPE...]
                                                          [--metadata KEY=VALUE]... [--description TEXT]

            Registers a webhook and prints it with its signing secret. The provider shows the secret only in this
            answer: store it at once where the receiver reads it (EXA_WEBHOOK_SECRET, ENCRATA_WEBHOOK_SECRET).

            Options:
              --provider NAME   exa or encrata (required)
              --url URL         where the provider posts events (required; encrata requires https)
              --events TYPES    the event types, comma-separated (required)
              --metadata K=V    exa: a key-value pair to keep with the webhook; repeat for more
              --description T   encrata: a note to keep with the webhook
            """ + ApiAccess.OPTIONS_HELP;

    private static final String LIST_USAGE = """
            Usage: java -jar hookline.jar webhooks list --provider exa|encrata [--limit N] [--cursor C]

            Lists the webhooks, one line each: id, status, URL, events. Exa's are listed page after page to the
            end, unless --limit or --cursor asks for one page (the next page's cursor then goes to standard error).

            Options:
              --provider NAME   exa or encrata (required)
              --limit N         exa: one page of N webhooks (1 to 200)
              --cursor C        exa: the page at this cursor
            """ + ApiAccess.OPTIONS_HELP;

    private static final String GET_USAGE = """
            Usage: java -jar hookline.jar webhooks get --provider exa|encrata --id ID

            Shows one webhook. Its secret is never shown again.

            Options:
              --provider NAME   exa or encrata (required)
              --id ID           the webhook's id (required)
            """ + ApiAccess.OPTIONS_HELP;

    private static final String UPDATE_USAGE = """
            Usage: java -jar hookline.jar webhooks update --provider exa|encrata --id ID [--url URL]
                                                          [--events TYPE[,TYPE...]] [--metadata KEY=VALUE]...
                                                          [--description TEXT] [--pause | --resume]

            Changes a webhook; what is not given stays as it is.

            Options:
              --provider NAME   exa or encrata (required)
              --id ID           the webhook's id (required)
              --url URL         where to post events from now on
              --events TYPES    the event types to receive instead, comma-separated
              --metadata K=V    exa: the key-value pairs instead; repeat for more
              --description T   encrata: the note instead
              --pause           encrata: stop deliveries, keeping the webhook
              --resume          encrata: start deliveries again
            """ + ApiAccess.OPTIONS_HELP;

    private static final String DELETE_USAGE = """
            Usage: java -jar hookline.jar webhooks delete --provider exa|encrata --id ID

            Removes a webhook: the provider stops delivering to it.

            Options:
              --provider NAME   exa or encrata (required)
              --id ID           the webhook's id (required)
            """ + ApiAccess.OPTIONS_HELP;

    private static final String ATTEMPTS_USAGE = """
            Usage: java -jar hookline.jar webhooks attempts --provider exa|encrata --id ID
                                                            [--event-type TYPE] [--successful true|false]
                                                            [--limit N] [--cursor C]

            Lists a webhook's delivery attempts, newest first, one line each. For exa, every attempt page after
            page (one page with --limit or --cursor); for encrata, its 50 latest deliveries.

            Options:
              --provider NAME       exa or encrata (required)
              --id ID               the webhook's id (required)
              --event-type TYPE     exa: attempts at events of this type only
              --successful BOOL     exa: true for successful attempts only, false for failed ones
              --limit N             exa: one page of N attempts (1 to 200)
              --cursor C            exa: the page at this cursor
            """ + ApiAccess.OPTIONS_HELP;

    private static final String TEST_USAGE = """
            Usage: java -jar hookline.jar webhooks test --provider encrata --id ID

            Asks Encrata to post a 'test' event to a webhook, signed with its secret.

            Options:
              --provider NAME   encrata (required; Exa has no test delivery)
              --id ID           the webhook's id (required)
            """ + ApiAccess.OPTIONS_HELP;

    private static final String SECRET_ONCE = "The secret above is shown only this once and will not be shown again: "
            + "store it now where the receiver reads it (%s).";

    private final Context context;

    WebhooksCommand(Context context) {
        this.context = context;
    }

    /**
     * Runs {@code webhooks ...}.
     *
     * @param args what follows {@code webhooks}
     * @return the exit status
     * @throws UsageException for a bad command line
     */
    int run(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("webhooks needs a command: create, list, get, update, delete, attempts or test");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (command) {
            case "--help", "-h", "help" -> {
                context.out().print(USAGE);
                yield Hookline.OK;
            }
            case "create" -> create(options("create", rest, Set.of("--url", "--events", "--metadata", "--description"),
                    Set.of()), CREATE_USAGE);
            case "list" -> list(options("list", rest, Set.of("--limit", "--cursor"), Set.of()), LIST_USAGE);
            case "get" -> get(options("get", rest, Set.of("--id"), Set.of()), GET_USAGE);
            case "update" -> update(options("update", rest, Set.of("--id", "--url", "--events", "--metadata",
                    "--description"), Set.of("--pause", "--resume")), UPDATE_USAGE);
            case "delete" -> delete(options("delete", rest, Set.of("--id"), Set.of()), DELETE_USAGE);
            case "attempts" -> attempts(options("attempts", rest, Set.of("--id", "--event-type", "--successful",
                    "--limit", "--cursor"), Set.of()), ATTEMPTS_USAGE);
            case "test" -> test(options("test", rest, Set.of("--id"), Set.of()), TEST_USAGE);
            default -> throw new UsageException("unknown webhooks command '" + command
                    + "': expected create, list, get, update, delete, attempts or test");
        };
    }

    private static Options options(String command, List<String> args, Set<String> values, Set<String> flags)
            throws UsageException {
        Set<String> allValues = new HashSet<>(values);
        allValues.addAll(ApiAccess.VALUE_OPTIONS);
        Set<String> allFlags = new HashSet<>(flags);
        allFlags.addAll(ApiAccess.FLAGS);
        return Options.parse("webhooks " + command, args, allValues, Set.of("--metadata"), allFlags);
    }

    private boolean helped(Options options, String usage) {
        if (options.help()) {
            context.out().print(usage);
            return true;
        }
        return false;
    }

    private ApiAccess access(Options options, Printer printer) throws UsageException {
        return ApiAccess.of(ApiAccess.provider(options, null), options, context.environment(), printer,
                context.sleeper());
    }

    private int create(Options options, String usage) throws UsageException {
        if (helped(options, usage)) {
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        ApiAccess.Api api = ApiAccess.provider(options, null);
        String url = options.required("--url");
        List<String> events = listOrFail(options, "--events", true);
        if (api == ApiAccess.Api.EXA) {
            options.refuse("is for encrata webhooks", "--description");
            Map<String, String> metadata = options.pairs("--metadata");
            ExaWebhook created = access(options, printer).exa().createWebhook(url, events, metadata);
            printCreated(printer, "exa", created.id(), created, created.secret(), exaDetails(created),
                    "EXA_WEBHOOK_SECRET");
        } else {
            options.refuse("is for exa webhooks", "--metadata");
            EncrataWebhook created = access(options, printer).encrata()
                    .createWebhook(url, events, options.value("--description"));
            printCreated(printer, "encrata", created.id(), created, created.secret(), encrataDetails(created),
                    "ENCRATA_WEBHOOK_SECRET");
        }
        return Hookline.OK;
    }

    private void printCreated(Printer printer, String provider, String id, Object webhook, String secret,
                              List<String> details, String variable) {
        if (printer.json()) {
            printer.value(webhook); // the one deliberate output of a secret
            if (secret != null) {
                printer.note("note: the secret in this output is shown only this once and will not be shown again: "
                        + "store it now (" + variable + ")");
            }
        } else {
            printer.line("created " + provider + " webhook " + id);
            details.forEach(printer::line);
            if (secret != null) {
                printer.line(label("secret") + secret);
                printer.line(SECRET_ONCE.formatted(variable));
            }
        }
        if (secret == null) {
            printer.note("warning: " + provider + " returned no secret for the new webhook; it cannot be had later");
        }
    }

    private int list(Options options, String usage) throws UsageException {
        if (helped(options, usage)) {
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        ApiAccess access = access(options, printer);
        if (access.api == ApiAccess.Api.EXA) {
            ExaClient exa = access.exa();
            Integer limit = options.number("--limit", 1, 200);
            String cursor = options.value("--cursor");
            if (limit != null || cursor != null) {
                Page<ExaWebhook> page = exa.listWebhooks(cursor, limit);
                page.data().forEach(webhook -> printExaLine(printer, webhook));
                morePages(printer, page);
            } else {
                try (Stream<ExaWebhook> all = exa.allWebhooks()) {
                    all.forEach(webhook -> printExaLine(printer, webhook));
                }
            }
        } else {
            options.refuse("is for exa: encrata lists every webhook at once", "--limit", "--cursor");
            for (EncrataWebhook webhook : access.encrata().listWebhooks()) {
                if (printer.json()) {
                    printer.value(webhook);
                } else {
                    printer.line(webhook.id() + "  " + (Boolean.FALSE.equals(webhook.active()) ? "paused" : "active")
                            + "  " + webhook.url() + "  " + join(webhook.events()));
                }
            }
        }
        return Hookline.OK;
    }

    private void printExaLine(Printer printer, ExaWebhook webhook) {
        if (printer.json()) {
            printer.value(webhook);
        } else {
            printer.line(webhook.id() + "  " + lower(webhook.status()) + "  " + webhook.url() + "  "
                    + join(webhook.events()));
        }
    }

    private static void morePages(Printer printer, Page<?> page) {
        if (page.hasNext()) {
            printer.note("more: --cursor " + page.nextCursor());
        }
    }

    private int get(Options options, String usage) throws UsageException {
        if (helped(options, usage)) {
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        ApiAccess access = access(options, printer);
        String id = options.required("--id");
        if (access.api == ApiAccess.Api.EXA) {
            printWebhook(printer, access.exa().getWebhook(id));
        } else {
            printWebhook(printer, access.encrata().getWebhook(id));
        }
        return Hookline.OK;
    }

    private int update(Options options, String usage) throws UsageException {
        if (helped(options, usage)) {
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        ApiAccess.Api api = ApiAccess.provider(options, null);
        String id = options.required("--id");
        List<String> events = listOrFail(options, "--events", false);
        if (api == ApiAccess.Api.EXA) {
            options.refuse("is for encrata webhooks", "--description", "--pause", "--resume");
            ExaWebhookUpdate update = new ExaWebhookUpdate(events, options.value("--url"),
                    options.has("--metadata") ? options.pairs("--metadata") : null);
            if (update.isEmpty()) {
                throw new UsageException("webhooks update needs --url, --events or --metadata");
            }
            printWebhook(printer, access(options, printer).exa().updateWebhook(id, update));
        } else {
            options.refuse("is for exa webhooks", "--metadata");
            if (options.flag("--pause") && options.flag("--resume")) {
                throw new UsageException("--pause and --resume cannot be given together");
            }
            EncrataWebhookUpdate update = new EncrataWebhookUpdate(id, options.value("--url"), events,
                    options.value("--description"),
                    options.flag("--pause") ? Boolean.FALSE : options.flag("--resume") ? Boolean.TRUE : null);
            if (update.isEmpty()) {
                throw new UsageException("webhooks update needs --url, --events, --description, --pause or --resume");
            }
            printWebhook(printer, access(options, printer).encrata().updateWebhook(update));
        }
        return Hookline.OK;
    }

    private int delete(Options options, String usage) throws UsageException {
        if (helped(options, usage)) {
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        ApiAccess access = access(options, printer);
        String id = options.required("--id");
        if (access.api == ApiAccess.Api.EXA) {
            ExaWebhook deleted = access.exa().deleteWebhook(id);
            if (printer.json()) {
                printer.value(deleted);
            } else {
                printer.line("deleted exa webhook " + id);
            }
        } else {
            access.encrata().deleteWebhook(id);
            if (printer.json()) {
                printer.document(Printer.JSON.createObjectNode().put("id", id).put("deleted", true));
            } else {
                printer.line("deleted encrata webhook " + id);
            }
        }
        return Hookline.OK;
    }

    private int attempts(Options options, String usage) throws UsageException {
        if (helped(options, usage)) {
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        ApiAccess access = access(options, printer);
        String id = options.required("--id");
        if (access.api == ApiAccess.Api.EXA) {
            ExaAttemptQuery query = new ExaAttemptQuery(options.value("--event-type"), options.bool("--successful"),
                    options.value("--cursor"), options.number("--limit", 1, 200));
            ExaClient exa = access.exa();
            if (query.limit() != null || query.cursor() != null) {
                Page<ExaWebhookAttempt> page = exa.listAttempts(id, query);
                page.data().forEach(attempt -> printAttempt(printer, attempt));
                morePages(printer, page);
            } else {
                try (Stream<ExaWebhookAttempt> all = exa.allAttempts(id, query)) {
                    all.forEach(attempt -> printAttempt(printer, attempt));
                }
            }
        } else {
            options.refuse("is for exa: encrata lists a webhook's 50 latest deliveries", "--event-type",
                    "--successful", "--limit", "--cursor");
            for (EncrataDelivery delivery : access.encrata().listDeliveries(id)) {
                if (printer.json()) {
                    printer.value(delivery);
                } else {
                    printer.line(time(delivery.lastAttemptAt() != null ? delivery.lastAttemptAt() : delivery.createdAt())
                            + "  " + delivery.eventType() + "  id=" + delivery.id() + "  " + lower(delivery.status())
                            + "  attempts=" + delivery.attempts() + "  -> " + orDash(delivery.responseStatus()));
                }
            }
        }
        return Hookline.OK;
    }

    private static void printAttempt(Printer printer, ExaWebhookAttempt attempt) {
        if (printer.json()) {
            printer.value(attempt);
        } else {
            printer.line(time(attempt.attemptedAt()) + "  " + attempt.eventType() + "  event=" + attempt.eventId()
                    + "  attempt=" + orDash(attempt.attempt()) + "  -> " + orDash(attempt.responseStatusCode()) + " "
                    + (Boolean.TRUE.equals(attempt.successful()) ? "ok" : "failed"));
        }
    }

    private int test(Options options, String usage) throws UsageException {
        if (helped(options, usage)) {
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        if (ApiAccess.provider(options, null) != ApiAccess.Api.ENCRATA) {
            throw new UsageException("webhooks test is for encrata: Exa has no test delivery");
        }
        String id = options.required("--id");
        EncrataClient encrata = access(options, printer).encrata();
        EncrataTestDelivery sent = encrata.sendTestEvent(id);
        if (printer.json()) {
            printer.document(sent.answer());
        } else {
            printer.line("encrata sent a test event to webhook " + id
                    + (sent.signature() == null ? "" : ", signed " + sent.signature()));
        }
        return Hookline.OK;
    }

    private static void printWebhook(Printer printer, ExaWebhook webhook) {
        if (printer.json()) {
            printer.value(webhook);
        } else {
            exaDetails(webhook).forEach(printer::line);
        }
    }

    private static void printWebhook(Printer printer, EncrataWebhook webhook) {
        if (printer.json()) {
            printer.value(webhook);
        } else {
            encrataDetails(webhook).forEach(printer::line);
        }
    }

    private static List<String> exaDetails(ExaWebhook webhook) {
        return List.of(
                label("id") + webhook.id(),
                label("status") + lower(webhook.status()),
                label("url") + webhook.url(),
                label("events") + join(webhook.events()),
                label("metadata") + (webhook.metadata() == null || webhook.metadata().isEmpty() ? "none"
                        : webhook.metadata().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(", "))),
                label("created") + time(webhook.createdAt()),
                label("updated") + time(webhook.updatedAt()));
    }

    private static List<String> encrataDetails(EncrataWebhook webhook) {
        return List.of(
                label("id") + webhook.id(),
                label("status") + (Boolean.FALSE.equals(webhook.active()) ? "paused" : "active"),
                label("url") + webhook.url(),
                label("events") + join(webhook.events()),
                label("description") + orDash(webhook.description()),
                label("workspace") + orDash(webhook.workspaceId()),
                label("created") + time(webhook.createdAt()) + (webhook.createdBy() == null ? ""
                        : " by " + webhook.createdBy()),
                label("updated") + time(webhook.updatedAt()));
    }

    private static List<String> listOrFail(Options options, String name, boolean required) throws UsageException {
        List<String> list = options.list(name);
        if (list == null && required) {
            throw new UsageException(options.command() + " needs " + name + ", such as " + name
                    + " webset.item.created,webset.idle");
        }
        return list;
    }

    private static String label(String name) {
        return String.format(Locale.ROOT, "%-13s", name + ":");
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? "-" : String.join(",", values);
    }

    private static String lower(Enum<?> value) {
        return value == null ? "-" : value.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }

    private static String orDash(Object value) {
        return Objects.toString(value, "-");
    }
}
