package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.as.SetPolicyRequest;
import dev.arca.model.json.Base64s;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code set-attestation-policy --id ID --file F}: {policy_id, policy: b64url(Rego or CEL text)} to the KBS, which
 * forwards it.
 */
@Command(name = "set-attestation-policy", mixinStandardHelpOptions = true,
        description = "Set an attestation policy (Rego or CEL) in the attestation service, through the KBS.")
final class SetAttestationPolicyCommand extends AdminCommand {

    @Option(names = "--id", paramLabel = "ID", required = true,
            description = "Policy id, e.g. default, default_cpu, default_gpu.")
    String id;

    @Option(names = "--file", paramLabel = "FILE", required = true,
            description = "Policy text file, Rego (.rego) or CEL; - reads standard input.")
    Path file;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        if (id.isBlank()) {
            throw new CommandFailure("the policy id is empty");
        }
        byte[] policy = readText(file).getBytes(StandardCharsets.UTF_8);
        AdminResponse response = kbs().postJson("/kbs/v0/attestation-policy",
                new SetPolicyRequest(id, Base64s.url(policy), null));
        ObjectNode json = object();
        json.put("policy_id", id);
        json.put("bytes", policy.length);
        json.put("status", response.status());
        success("attestation policy " + id + " set from " + name(file) + " (" + policy.length + " bytes)", json);
    }
}
