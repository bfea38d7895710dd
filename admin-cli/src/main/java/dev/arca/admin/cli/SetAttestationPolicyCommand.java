package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.as.SetPolicyRequest;
import dev.arca.model.json.Base64s;
import dev.arca.model.policy.PolicyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code set-attestation-policy --id ID --file F}: {policy_id, policy: b64url(Rego or CEL text), type: rego|cel}
 * to the KBS, which forwards it to the AS; the type ({@link UploadLanguage}) is what kbs-client sends for Rego.
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
        String text = readText(file);
        PolicyType type = UploadLanguage.of(file, text);
        byte[] policy = text.getBytes(StandardCharsets.UTF_8);
        AdminResponse response = kbs().postJson("/kbs/v0/attestation-policy",
                new SetPolicyRequest(id, Base64s.url(policy), type.wireName()));
        ObjectNode json = object();
        json.put("policy_id", id);
        json.put("type", type.wireName());
        json.put("bytes", policy.length);
        json.put("status", response.status());
        success("attestation policy " + id + " set from " + name(file) + " (" + type.wireName() + ", "
                + policy.length + " bytes)", json);
    }
}
