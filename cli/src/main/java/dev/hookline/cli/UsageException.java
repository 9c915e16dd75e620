package dev.hookline.cli;

/** The command line asks for something the command cannot do; the message says what to change. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message for the person at the command line.
     *
     * @param message what is wrong; never a secret
     */
    public UsageException(String message) {
        super(message);
    }
}
