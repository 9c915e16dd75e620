package dev.hookline.samples.sender;

/** What the command line asks for. */
public sealed interface Command permits Command.Help, Command.ListEvents, Command.Send {

    /** Print the usage. */
    record Help() implements Command {
    }

    /**
     * List the events that can be sent.
     *
     * @param provider only this provider's; null for all
     */
    record ListEvents(SampleProvider provider) implements Command {
    }

    /**
     * Send one event.
     *
     * @param request what to send
     */
    record Send(SendRequest request) implements Command {
    }
}
