package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code delete-resource-policy --id ID}. */
@Command(name = "delete-resource-policy", mixinStandardHelpOptions = true,
        description = "Delete a resource policy; requests it governed are then denied unless another binding covers "
                + "them.")
final class DeleteResourcePolicyCommand extends AdminCommand {

    @Option(names = "--id", paramLabel = "ID", required = true, description = "Policy id.")
    String id;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = kbs().delete(PolicyIds.path(PolicyIds.require(id)));
        ObjectNode json = object();
        json.put("policy", id);
        json.put("deleted", true);
        json.put("status", response.status());
        success("resource policy " + id + " deleted", json);
    }
}
