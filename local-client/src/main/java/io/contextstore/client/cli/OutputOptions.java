package io.contextstore.client.cli;

import picocli.CommandLine.Option;

/** {@code --json}: one JSON object on stdout instead of text, for scripts. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;
}
