package dev.hookline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.providers.FakeProviderServer;
import dev.hookline.providers.FakeProviderServer.Response;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a whole: help, parsing, exit statuses, and errors that never show a stack trace or a key. */
class HooklineTest {

    private static final String KEY = "exa_cli_key_NOT_TO_BE_SHOWN";

    private FakeProviderServer server;
    private Map<String, String> environment;

    @BeforeEach
    void start() throws Exception {
        server = new FakeProviderServer();
        environment = Map.of("EXA_API_KEY", KEY, "ENCRATA_API_KEY", "enc_cli_key_NOT_TO_BE_SHOWN");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun run(String... args) {
        return CliRun.run(environment, args);
    }

    @Test
    void helpListsEveryCommandOnStandardOutput() {
        CliRun run = run("--help");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.out()).isEqualTo(Hookline.HELP);
        assertThat(run.out()).contains("send ", "webhooks create", "webhooks attempts", "events list", "events replay");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "send --help              | Usage:",
        "webhooks --help          | Usage: java -jar hookline.jar webhooks <command>",
        "webhooks create --help   | Usage: java -jar hookline.jar webhooks create",
        "webhooks list -h         | Usage: java -jar hookline.jar webhooks list",
        "webhooks get --help      | Usage: java -jar hookline.jar webhooks get",
        "webhooks update --help   | Usage: java -jar hookline.jar webhooks update",
        "webhooks delete --help   | Usage: java -jar hookline.jar webhooks delete",
        "webhooks attempts --help | Usage: java -jar hookline.jar webhooks attempts",
        "webhooks test --help     | Usage: java -jar hookline.jar webhooks test",
        "events --help            | Usage: java -jar hookline.jar events <command>",
        "events list --help       | Usage: java -jar hookline.jar events list",
        "events get --help        | Usage: java -jar hookline.jar events get",
        "events replay --help     | Usage: java -jar hookline.jar events replay"})
    void everyCommandHasItsHelp(String args, String start) {
        CliRun run = CliRun.run(Map.of(), args.split(" "));

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.out()).startsWith(start);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpNeedsNoKeyAndWinsOverOtherOptions() {
        CliRun run = CliRun.run(Map.of(), "webhooks", "create", "--provider", "nope", "--help");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.out()).contains("--metadata K=V", "--api-url URL", "--json");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "frobnicate                                   | error: unknown command 'frobnicate': expected send, webhooks or events; --help lists them",
        "webhooks                                     | error: webhooks needs a command: create, list, get, update, delete, attempts or test",
        "webhooks purge                               | error: unknown webhooks command 'purge': expected create, list, get, update, delete, attempts or test",
        "webhooks list                                | error: webhooks list needs --provider exa or encrata",
        "webhooks list --provider github              | error: unknown provider 'github': expected exa or encrata",
        "webhooks list --provider exa --verbose       | error: unknown option '--verbose' for webhooks list; --help lists the options",
        "webhooks list --provider exa extra           | error: unexpected argument 'extra' for webhooks list; --help lists the options",
        "webhooks list --provider exa --limit 500     | error: --limit must be a whole number from 1 to 200, was '500'",
        "webhooks list --provider exa --json=yes      | error: --json takes no value",
        "webhooks get --provider exa                  | error: webhooks get needs --id",
        "webhooks get --provider exa --id a --id b    | error: --id is given more than once",
        "webhooks create --provider exa --url https://x | error: webhooks create needs --events, such as --events webset.item.created,webset.idle",
        "webhooks create --provider exa --url https://x --events a,,b | error: --events takes a comma-separated list with no empty item, was 'a,,b'",
        "webhooks create --provider exa --url https://x --events a --metadata nokey | error: --metadata takes key=value, was 'nokey'",
        "webhooks create --provider exa --url https://x --events a --description d | error: --description is for encrata webhooks",
        "webhooks create --provider encrata --url https://x --events a --metadata k=v | error: --metadata is for exa webhooks",
        "webhooks update --provider exa --id w        | error: webhooks update needs --url, --events or --metadata",
        "webhooks update --provider encrata --id w --pause --resume | error: --pause and --resume cannot be given together",
        "webhooks attempts --provider exa --id w --successful maybe | error: --successful must be true or false, was 'maybe'",
        "webhooks attempts --provider encrata --id w --limit 5 | error: --limit is for exa: encrata lists a webhook's 50 latest deliveries",
        "webhooks test --provider exa --id w          | error: webhooks test is for encrata: Exa has no test delivery",
        "events                                       | error: events needs a command: list, get or replay",
        "events list --provider encrata               | error: encrata has no events API; its latest deliveries are listed by 'webhooks attempts --provider encrata --id ID'",
        "events list --since yesterday                | error: --since must be an ISO-8601 time such as 2026-05-01T12:00:00Z, a date, or a time ago such as 2h, 30m or 3d; was 'yesterday'",
        "events replay --since 2h                     | error: events replay needs --to",
        "events replay --since 2h --to localhost:8080 | error: --to must be an absolute http:// or https:// URL, was 'localhost:8080'",
        "events replay --since 1h --until 2h --to http://127.0.0.1:9/x | error: --until"})
    void aBadCommandLineExitsTwoWithOneLineSayingWhy(String args, String message) {
        CliRun run = run(args.split(" "));

        assertThat(run.status()).isEqualTo(Hookline.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith(message);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void noArgumentsPrintsTheHelpOnStandardErrorAndExitsTwo() {
        CliRun run = run();

        assertThat(run.status()).isEqualTo(Hookline.USAGE);
        assertThat(run.err()).isEqualTo("error: no command given" + System.lineSeparator() + Hookline.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa", "encrata"})
    void aMissingKeyNamesTheVariable(String provider) {
        CliRun run = CliRun.run(Map.of("EXA_API_KEY", "", "ENCRATA_API_KEY", ""), "webhooks", "list", "--provider",
                provider, "--api-url", server.url());

        assertThat(run.status()).isEqualTo(Hookline.USAGE);
        assertThat(run.err()).isEqualTo("error: no API key: set " + provider.toUpperCase() + "_API_KEY to your "
                + provider + " API key (or give --api-key, which other users can see)" + System.lineSeparator());
    }

    @Test
    void aKeyOnTheCommandLineWorksWithAWarning() {
        server.enqueue("GET", "/v0/webhooks", Response.json(200, "{\"data\":[],\"hasMore\":false}"));

        CliRun run = CliRun.run(Map.of(), "webhooks", "list", "--provider", "exa", "--api-url", server.url(),
                "--api-key", "given_on_the_line_123");

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.err()).isEqualTo("warning: --api-key is visible to other users of this machine (process "
                + "list, shell history); prefer the EXA_API_KEY variable" + System.lineSeparator());
        assertThat(server.onlyRequest().header("x-api-key")).isEqualTo("given_on_the_line_123");
    }

    @Test
    void anUnusableKeyOrUrlIsAUsageErrorThatDoesNotRepeatTheKey() {
        CliRun key = CliRun.run(Map.of("EXA_API_KEY", "has spaces inside"), "webhooks", "list", "--provider", "exa");
        CliRun url = run("webhooks", "list", "--provider", "exa", "--api-url", "ftp://example.com");

        assertThat(key.status()).isEqualTo(Hookline.USAGE);
        assertThat(key.err()).startsWith("error: EXA_API_KEY: The API key holds characters that cannot be sent")
                .doesNotContain("has spaces inside");
        assertThat(url.status()).isEqualTo(Hookline.USAGE);
        assertThat(url.err()).startsWith("error: --api-url: The base URL must be an absolute http:// or https:// URL");
    }

    @Test
    void anApiErrorExitsOneWithTheProvidersMessageAndNoStackTraceOrKey() {
        server.enqueue("GET", "/v0/webhooks/w", Response.json(401, "{\"message\":\"Invalid API key " + KEY + "\"}"));

        CliRun run = run("webhooks", "get", "--provider", "exa", "--id", "w", "--api-url", server.url());

        assertThat(run.status()).isEqualTo(Hookline.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: exa GET /v0/webhooks/w answered 401 (unauthorized: check the API "
                + "key): Invalid API key [masked]" + System.lineSeparator());
    }

    @Test
    void aNotFoundExitsOne() {
        CliRun run = run("events", "get", "--id", "event_x", "--api-url", server.url());

        assertThat(run.status()).isEqualTo(Hookline.FAILED);
        assertThat(run.err()).startsWith("error: exa GET /v0/events/event_x answered 404 (not found)");
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void aServerErrorIsRetriedAndThenSucceeds() {
        server.enqueue("GET", "/v0/webhooks", Response.json(500, "{}"), Response.json(503, "{}"),
                Response.json(200, "{\"data\":[{\"id\":\"w1\",\"status\":\"active\",\"url\":\"https://x\","
                        + "\"events\":[\"webset.idle\"]}],\"hasMore\":false}"));

        CliRun run = run("webhooks", "list", "--provider", "exa", "--api-url", server.url());

        assertThat(run.status()).isEqualTo(Hookline.OK);
        assertThat(run.outLines()).containsExactly("w1  active  https://x  webset.idle");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void anUnreachableApiExitsOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        CliRun run = run("webhooks", "list", "--provider", "encrata", "--api-url", "http://127.0.0.1:" + port);

        assertThat(run.status()).isEqualTo(Hookline.FAILED);
        assertThat(run.err()).isEqualTo("error: encrata GET /api/webhooks: could not connect to 127.0.0.1:" + port
                + " after 4 attempts" + System.lineSeparator());
    }

    @Test
    void sendIsTheSenderItAlwaysWas() {
        CliRun list = run("send", "--list", "--provider", "encrata");
        CliRun bad = run("send", "--provider", "exa", "--tamperr");

        assertThat(list.status()).isEqualTo(Hookline.OK);
        assertThat(list.outLines()).startsWith("encrata:", "  lookup.completed");
        assertThat(bad.status()).isEqualTo(Hookline.USAGE);
        assertThat(bad.err()).isEqualTo("error: unknown option '--tamperr'; --help lists the options"
                + System.lineSeparator());
    }
}
