package dev.arca.launcher;

import picocli.CommandLine.Option;

/** {@code --verbose}, read by {@link ArcaCommand}'s error handler; declared here so that every command accepts it. */
final class Verbosity {

    @Option(names = "--verbose", description = "On failure, also print the stack trace and the end of a service's log.")
    boolean verbose;
}
