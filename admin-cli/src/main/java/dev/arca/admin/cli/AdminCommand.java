package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.KbsAdminClient;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.admin.keys.AdminKeyStore;
import dev.arca.admin.keys.AdminKeys;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** What every admin command shares: global options, the KBS client with a fresh token per call, output, errors. */
abstract class AdminCommand implements Callable<Integer> {

    @ParentCommand
    AdminCli cli;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    /** Failures of a command, reported as "error: <command> failed: <reason>". */
    static final class CommandFailure extends Exception {
        CommandFailure(String message) {
            super(message);
        }
    }

    @Override
    public final Integer call() {
        try {
            execute();
            return 0;
        } catch (AdminCallException | AdminKeyException | CommandFailure e) {
            cli.err().println("error: " + spec.name() + " failed: " + e.getMessage());
            return AdminCli.FAILURE;
        }
    }

    abstract void execute() throws AdminCallException, AdminKeyException, CommandFailure;

    /** A client whose every request is signed with a new 5-minute admin token. */
    KbsAdminClient kbs() throws AdminKeyException {
        AdminKeys keys = new AdminKeyStore(global.dir).load();
        Clock clock = Clock.systemUTC();
        return new KbsAdminClient(global.kbs, () -> keys.signToken(clock));
    }

    /** Prints the readable line, or the JSON object with --json. */
    void success(String line, ObjectNode json) {
        cli.out().println(global.json ? Json.write(json) : line);
        cli.out().flush();
    }

    ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    static byte[] readBytes(Path file) throws CommandFailure {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A policy file: non-empty, strictly UTF-8 (the services decode the policy as UTF-8 text). */
    static String readText(Path file) throws CommandFailure {
        byte[] bytes = readBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.isBlank()) {
                throw new CommandFailure(file + " is empty");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new CommandFailure(file + " is not UTF-8 text");
        }
    }
}
