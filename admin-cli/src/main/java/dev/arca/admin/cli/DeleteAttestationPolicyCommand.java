package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code delete-attestation-policy --id ID}: DELETE /policy/{id} on the AS; a built-in policy applies again. */
@Command(name = "delete-attestation-policy", mixinStandardHelpOptions = true,
        description = "Delete an uploaded attestation policy; a built-in policy of the same id applies again "
                + "(asks the AS at --as).")
final class DeleteAttestationPolicyCommand extends AdminCommand {

    @Option(names = "--id", paramLabel = "ID", required = true, description = "Policy id.")
    String id;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = attestationService().delete(AttestationPolicyIds.path(id));
        ObjectNode json = object();
        json.put("policy_id", id);
        json.put("deleted", true);
        json.put("status", response.status());
        success("attestation policy " + id + " deleted", json);
    }
}
