package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code get-reference-value NAME}: one unexpired reference value (GET /reference-values/{name} on the RVPS). */
@Command(name = "get-reference-value", mixinStandardHelpOptions = true,
        description = "Show one unexpired reference value (asks the RVPS at --rvps).")
final class GetReferenceValueCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String referenceValue;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = rvps().get(ReferenceValueNames.path(referenceValue));
        JsonNode stored = response.json().orElseThrow(() -> new CommandFailure("the RVPS answered no JSON"));
        ObjectNode json = object();
        json.put("status", response.status());
        json.set("reference_value", stored);
        success("name    " + stored.path("name").asString() + System.lineSeparator()
                + "expires " + stored.path("expiration").asString() + System.lineSeparator()
                + "value   " + Json.write(stored.path("value")), json);
    }
}
