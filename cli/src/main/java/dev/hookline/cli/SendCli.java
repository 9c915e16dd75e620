package dev.hookline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code send} command: {@code java -jar hookline.jar send --provider exa ...} signs a sample event the way
 * the provider does and posts it to a receiver. Results go to standard output, one line per post; notes and errors
 * to standard error.
 */
public final class SendCli {

    /** Every answer was what a correct receiver gives. */
    public static final int OK = 0;
    /** An answer was not what a correct receiver gives, or the receiver could not be reached. */
    public static final int UNEXPECTED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    private final WebhookSender sender;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * A command line that sends with {@code sender} and writes to the given streams.
     *
     * @param sender posts the deliveries
     * @param out receives one line per post, and the event list
     * @param err receives notes, errors and the usage
     */
    public SendCli(WebhookSender sender, PrintStream out, PrintStream err) {
        this.sender = sender;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments, {@code send} first (or {@code --list}, {@code --help})
     * @param environment where default secrets are looked up
     * @return the exit status: {@link #OK}, {@link #UNEXPECTED} or {@link #USAGE}
     */
    public int run(String[] args, Map<String, String> environment) {
        SendCommand command;
        try {
            command = SendCommandLine.parse(Arrays.asList(args), environment);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            if (args.length == 0) {
                err.print(SendCommandLine.USAGE);
            }
            return USAGE;
        }
        if (command instanceof SendCommand.Help) {
            out.print(SendCommandLine.USAGE);
            return OK;
        }
        if (command instanceof SendCommand.ListEvents list) {
            listEvents(list.provider());
            return OK;
        }
        return send(((SendCommand.Send) command).request());
    }

    private void listEvents(SampleProvider only) {
        for (SampleProvider provider : SampleProvider.values()) {
            if (only != null && only != provider) {
                continue;
            }
            out.println(provider.id() + (provider == SampleProvider.STANDARD
                    ? " (the data of the Exa sample of that name, else the Encrata one, as {type, timestamp, data}):"
                    : ":"));
            for (String event : SamplePayloads.events(provider)) {
                out.println("  " + event);
            }
        }
    }

    private int send(SendRequest request) {
        SendReport report;
        try {
            report = sender.send(request);
        } catch (ConnectException e) {
            err.println("error: could not connect to " + request.url() + "; is the receiver running?");
            return UNEXPECTED;
        } catch (HttpTimeoutException e) {
            err.println("error: no answer from " + request.url() + " in time");
            return UNEXPECTED;
        } catch (IOException e) {
            err.println("error: could not post to " + request.url() + ": " + e);
            return UNEXPECTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return UNEXPECTED;
        }
        SampleDelivery delivery = report.delivery();
        for (Response response : report.responses()) {
            out.println(request.provider().id() + " " + request.event() + " id=" + delivery.eventId()
                    + " -> " + response);
        }
        out.flush();
        if (report.asExpected()) {
            err.println("ok: " + report.expectation());
            return OK;
        }
        err.println("unexpected: a correct receiver answers " + report.expectation());
        return UNEXPECTED;
    }
}
