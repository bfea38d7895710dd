package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.resource.ResourcePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code delete-resource REPO/TYPE/TAG}. */
@Command(name = "delete-resource", mixinStandardHelpOptions = true, description = "Delete a secret from the KBS.")
final class DeleteResourceCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "REPO/TYPE/TAG", converter = ResourcePathConverter.class)
    ResourcePath path;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = kbs().delete("/kbs/v0/resource/" + path);
        ObjectNode json = object();
        json.put("resource", path.toString());
        json.put("deleted", true);
        json.put("status", response.status());
        success("resource " + path + " deleted", json);
    }
}
