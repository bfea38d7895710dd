package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.json.Json;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code set-reference-value --file F}: POST an RVPS message {version?, type, payload} to the KBS. */
@Command(name = "set-reference-value", mixinStandardHelpOptions = true,
        description = "Register reference values (an RVPS message JSON file) through the KBS.")
final class SetReferenceValueCommand extends RegisterReferenceValues {

    @Option(names = "--file", paramLabel = "FILE", required = true,
            description = "RVPS message JSON: {\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"...\"}; - reads standard input.")
    Path file;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        byte[] message = readBytes(file);
        validate(message);
        register(message, "from " + name(file));
    }

    /** The message must at least be what the RVPS reads (Trustee rvps/README.md), so a typo fails here, not there. */
    private void validate(byte[] message) throws CommandFailure {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(message);
        } catch (RuntimeException e) {
            throw new CommandFailure(name(file) + " is not JSON");
        }
        if (!node.isObject()) {
            throw new CommandFailure(name(file) + " is not a JSON object");
        }
        for (String member : List.of("type", "payload")) {
            if (!node.path(member).isString() || node.path(member).asString().isEmpty()) {
                throw new CommandFailure(name(file) + " lacks the string member '" + member + "'");
            }
        }
        if (node.has("version") && !node.get("version").isString()) {
            throw new CommandFailure(name(file) + ": 'version' must be a string");
        }
    }
}
