package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code get-attestation-policy --id ID}: the policy's CEL text (GET /policy/{id} on the AS). */
@Command(name = "get-attestation-policy", mixinStandardHelpOptions = true,
        description = "Print an attestation policy's CEL text, uploaded or built in (asks the AS at --as).")
final class GetAttestationPolicyCommand extends AdminCommand {

    @Option(names = "--id", paramLabel = "ID", required = true, description = "Policy id, e.g. default_cpu.")
    String id;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = attestationService().get(AttestationPolicyIds.path(id));
        ObjectNode json = object();
        json.put("status", response.status());
        json.put("policy_id", id);
        json.put("policy", response.text());
        success(response.text().stripTrailing(), json);
    }
}
