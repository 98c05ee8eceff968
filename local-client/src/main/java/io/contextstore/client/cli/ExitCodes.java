package io.contextstore.client.cli;

/** The exit codes of {@code ctx}, documented in the README and in {@code ctx --help}. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** An unexpected failure (a local file that cannot be written, a bug); the message says what. */
    public static final int FAILURE = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** Not logged in, or the server refused the license key. */
    public static final int AUTHENTICATION = 3;
    /** The server is unreachable or unavailable (network, 5xx, 429): queued items stay queued. */
    public static final int UNAVAILABLE = 4;
    /** Sync ran, but the queue holds dead items the server refused: see {@code ctx queue list --dead}. */
    public static final int DEAD_ITEMS = 5;
    /**
     * An unknown profile, a name that is not a profile name, or a binding that cannot be made (ADR 37): nothing was
     * written, and a hook recorded nothing.
     */
    public static final int PROFILE = 6;
    /** Malformed input on stdin (hook event, item JSON): nothing was queued. */
    public static final int MALFORMED_INPUT = 65;

    static final String HELP = """
            Exit codes:
              0   done
              1   unexpected failure
              2   wrong command line
              3   not logged in, or the license key was refused
              4   server unreachable or unavailable; queued items stay queued
              5   sync ran, but dead items are in the queue (ctx queue list --dead)
              6   unknown profile, bad profile name or binding; nothing was written
              65  malformed input on stdin; nothing was queued""";

    private ExitCodes() {
    }
}
