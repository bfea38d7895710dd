package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code delete-reference-value NAME}: DELETE /reference-values/{name} on the RVPS. */
@Command(name = "delete-reference-value", mixinStandardHelpOptions = true,
        description = "Delete a reference value, expired or not (asks the RVPS at --rvps).")
final class DeleteReferenceValueCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String referenceValue;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = rvps().delete(ReferenceValueNames.path(referenceValue));
        ObjectNode json = object();
        json.put("reference_value", referenceValue);
        json.put("deleted", true);
        json.put("status", response.status());
        success("reference value " + referenceValue + " deleted", json);
    }
}
