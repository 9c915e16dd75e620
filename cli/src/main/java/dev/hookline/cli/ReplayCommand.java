package dev.hookline.cli;

import dev.hookline.providers.EventPosition;
import dev.hookline.providers.ExaClient;
import dev.hookline.providers.ExaEvent;
import dev.hookline.signature.Secrets;
import dev.hookline.signature.SignatureSchemes;
import dev.hookline.signature.WebhookSigner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code hookline events replay}: fetches Exa's events of a time window from its API, oldest first, signs each the
 * way Exa does with the receiver's secret, and posts it to the receiver. The receiver deduplicates by event id, so
 * a replay handles only what it missed, and replaying twice handles nothing more.
 */
final class ReplayCommand {

    static final Set<String> OPTIONS = Set.of("--since", "--until", "--types", "--to", "--secret");

    static final String USAGE = """
            Usage: java -jar hookline.jar events replay [--provider exa] --since TIME [--until TIME]
                                                        [--types TYPE[,TYPE...]] --to URL [--secret SECRET]

            Fetches the events Exa emitted in a time window from its API and posts each, oldest first, to a
            receiver, signed as Exa signs deliveries: for a receiver that was down. The receiver deduplicates by
            event id, so events it already handled are acknowledged without running again.

            Each post prints one line: <type> id=<event id> -> <status> [reason=<reason>].

            Options:
              --provider NAME   exa (the default; Encrata has no events API)
              --since TIME      events created at or after TIME (required): ISO-8601 (2026-05-01T12:00:00Z),
                                a date, or a time ago such as 2h, 30m, 3d
              --until TIME      events created at or before TIME (default: now), in the same forms
              --types TYPES     only these event types, comma-separated
              --to URL          the receiver's webhook URL (required)
              --secret SECRET   the receiver's webhook secret (default: $EXA_WEBHOOK_SECRET). Prefer the
                                variable: arguments are visible to other users of the machine
            """ + ApiAccess.OPTIONS_HELP + """

            Exit status: 0 if the receiver acknowledged every event (2xx), 1 if it refused one, could not be
            reached, or the API failed, 2 for a bad command line.
            """;

    private final Context context;

    ReplayCommand(Context context) {
        this.context = context;
    }

    int run(Options options) throws UsageException {
        if (options.help()) {
            context.out().print(USAGE);
            return Hookline.OK;
        }
        Printer printer = context.printer(options.flag("--json"));
        Instant now = context.clock().instant();
        Instant since = TimeArgument.parse("--since", options.required("--since"), now);
        Instant until = options.value("--until") == null ? now
                : TimeArgument.parse("--until", options.value("--until"), now);
        if (until.isBefore(since)) {
            throw new UsageException("--until (" + until + ") is before --since (" + since + ")");
        }
        List<String> types = options.list("--types");
        URI to = receiver(options.required("--to"));
        WebhookSigner signer = signer(options, printer);
        ExaClient exa = EventsCommand.exa(context, options, printer);

        int posted = 0;
        int acknowledged = 0;
        try (Stream<ExaEvent> events = exa.eventsOldestFirst(EventPosition.since(since), until,
                types == null ? null : new LinkedHashSet<>(types))) {
            Iterator<ExaEvent> iterator = events.iterator();
            while (iterator.hasNext()) {
                ExaEvent event = iterator.next();
                byte[] body = event.toJson();
                Response response;
                try {
                    response = context.sender().post(to, signer.sign(body), body);
                } catch (ConnectException e) {
                    return stop(printer, posted, acknowledged, "could not connect to " + to
                            + "; is the receiver running?");
                } catch (HttpTimeoutException e) {
                    return stop(printer, posted, acknowledged, "no answer from " + to + " in time");
                } catch (IOException e) {
                    return stop(printer, posted, acknowledged, "could not post to " + to + ": "
                            + e.getClass().getSimpleName());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return stop(printer, posted, acknowledged, "interrupted");
                }
                posted++;
                if (response.isSuccess()) {
                    acknowledged++;
                }
                if (printer.json()) {
                    printer.document(Printer.JSON.createObjectNode().put("id", event.id()).put("type", event.type())
                            .put("status", response.status()).put("reason", response.reason()));
                } else {
                    printer.line(event.type() + " id=" + event.id() + " -> " + response);
                }
            }
        }
        printer.flush();
        if (posted == 0) {
            printer.note("no events between " + since + " and " + until + ": nothing to replay");
            return Hookline.OK;
        }
        printer.note(summary(posted, acknowledged, to));
        return acknowledged == posted ? Hookline.OK : Hookline.FAILED;
    }

    private static int stop(Printer printer, int posted, int acknowledged, String error) {
        printer.flush();
        if (posted > 0) {
            printer.note("stopped after " + posted + " event(s), " + acknowledged + " acknowledged");
        }
        printer.note("error: " + error);
        return Hookline.FAILED;
    }

    private static String summary(int posted, int acknowledged, URI to) {
        return "replayed " + posted + " event(s) to " + to + ": " + acknowledged + " acknowledged"
                + (acknowledged == posted ? "" : ", " + (posted - acknowledged) + " refused");
    }

    private static URI receiver(String text) throws UsageException {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new UsageException("--to must be an absolute http:// or https:// URL, was '" + text + "'");
    }

    private WebhookSigner signer(Options options, Printer printer) throws UsageException {
        String secret = options.value("--secret");
        String source = "--secret";
        if (secret != null) {
            printer.note("warning: --secret is visible to other users of this machine (process list, shell "
                    + "history); prefer the EXA_WEBHOOK_SECRET variable");
        } else {
            secret = context.environment().get("EXA_WEBHOOK_SECRET");
            source = "EXA_WEBHOOK_SECRET";
            if (secret == null || secret.isEmpty()) {
                throw new UsageException("events replay signs with the receiver's secret: set EXA_WEBHOOK_SECRET "
                        + "(or give --secret, which other users can see)");
            }
        }
        try {
            Secrets.key(SignatureSchemes.exa(), secret, source); // names the source, never the secret
            return WebhookSigner.of(SignatureSchemes.exa(), secret, context.clock());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
