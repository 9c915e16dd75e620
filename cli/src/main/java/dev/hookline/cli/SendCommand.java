package dev.hookline.cli;

/** What the command line asks for. */
public sealed interface SendCommand permits SendCommand.Help, SendCommand.ListEvents, SendCommand.Send {

    /** Print the usage. */
    record Help() implements SendCommand {
    }

    /**
     * List the events that can be sent.
     *
     * @param provider only this provider's; null for all
     */
    record ListEvents(SampleProvider provider) implements SendCommand {
    }

    /**
     * Send one event.
     *
     * @param request what to send
     */
    record Send(SendRequest request) implements SendCommand {
    }
}
