package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.json.Base64s;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code set-resource-policy --file F [--id ID] [--binding B]}: store a resource policy (one boolean CEL expression).
 * Without --id and --binding it uses upstream's form, POST /kbs/v0/resource-policy (id resource-policy, bound to
 * everything); with either, PUT /kbs/v0/admin/resource-policies/{id} with the binding.
 */
@Command(name = "set-resource-policy", aliases = "put-resource-policy", mixinStandardHelpOptions = true,
        description = "Store a resource policy (CEL), optionally under an id and bound to a path prefix.")
final class SetResourcePolicyCommand extends AdminCommand {

    @Option(names = "--file", paramLabel = "FILE", required = true, description = "CEL policy text file.")
    Path file;

    @Option(names = "--id", paramLabel = "ID", description = "Policy id (default: resource-policy).")
    String id;

    @Option(names = "--binding", paramLabel = "PREFIX",
            description = "What the policy governs: \"\" (everything, default), tenant-a/, tenant-a/key/, cert: ...")
    String binding;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        byte[] policy = readText(file).getBytes(StandardCharsets.UTF_8);
        ObjectNode body = object();
        body.put("policy", Base64s.url(policy));
        String policyId = id == null ? PolicyIds.UPSTREAM : PolicyIds.require(id);
        AdminResponse response;
        if (id == null && binding == null) {
            response = kbs().postJson("/kbs/v0/resource-policy", body);
        } else {
            body.put("binding", binding == null ? "" : binding);
            response = kbs().putJson(PolicyIds.path(policyId), body);
        }
        ObjectNode json = object();
        json.put("policy", policyId);
        json.put("binding", binding == null ? "" : binding);
        json.put("bytes", policy.length);
        json.put("status", response.status());
        success("resource policy " + policyId + (binding == null || binding.isEmpty() ? "" : " bound to " + binding)
                + " set from " + file + " (" + policy.length + " bytes)", json);
    }
}
