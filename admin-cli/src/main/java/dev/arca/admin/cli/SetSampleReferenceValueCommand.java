package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.rvps.RvpsMessage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code set-sample-reference-value NAME VALUE...}: registers NAME = [VALUE, ...] through the RVPS's sample
 * extractor (docs/rvps.md "sample"), so no message file has to be written by hand. Values are strings unless
 * --as-integer or --as-bool says otherwise (a policy compares types too: "1" is not 1).
 */
@Command(name = "set-sample-reference-value", mixinStandardHelpOptions = true,
        description = "Register one reference value NAME = [VALUE, ...] with the sample extractor, through the KBS.")
final class SetSampleReferenceValueCommand extends RegisterReferenceValues {

    @Parameters(index = "0", paramLabel = "NAME", description = "Reference value name, e.g. svn or sample.svn.")
    String referenceValue;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "VALUE", description = "Accepted values.")
    List<String> values;

    @ArgGroup(exclusive = true)
    Kind kind;

    static final class Kind {
        @picocli.CommandLine.Option(names = "--as-integer", description = "The values are integers.")
        boolean integer;

        @picocli.CommandLine.Option(names = "--as-bool", description = "The values are true or false.")
        boolean bool;
    }

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        if (referenceValue.isBlank()) {
            throw new CommandFailure("the reference value name is empty");
        }
        ArrayNode accepted = Json.MAPPER.createArrayNode();
        for (String value : values) {
            if (kind != null && kind.integer) {
                try {
                    accepted.add(new BigInteger(value.strip()));
                } catch (NumberFormatException e) {
                    throw new CommandFailure("'" + value + "' is not an integer (--as-integer)");
                }
            } else if (kind != null && kind.bool) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new CommandFailure("'" + value + "' is neither true nor false (--as-bool)");
                }
                accepted.add(Boolean.parseBoolean(value));
            } else {
                accepted.add(value);
            }
        }
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.set(referenceValue, accepted);
        RvpsMessage message = new RvpsMessage(RvpsMessage.VERSION, "sample",
                Base64s.std(Json.writeBytes(payload)));
        register(Json.writeBytes(message), "for " + referenceValue);
    }
}
