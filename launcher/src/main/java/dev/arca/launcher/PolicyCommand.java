package dev.arca.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ./arca policy}: policy files offline. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with policy files offline.",
        subcommands = PolicyTestCommand.class)
final class PolicyCommand {

    @ParentCommand
    ArcaCommand arca;
}
