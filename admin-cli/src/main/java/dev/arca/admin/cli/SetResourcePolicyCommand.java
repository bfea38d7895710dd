package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.json.Base64s;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code set-resource-policy (--file F | --allow-all | --deny-all | --affirming) [--id ID] [--binding B]}: store a
 * resource policy (one boolean CEL expression). Without --id and --binding it uses upstream's form, POST
 * /kbs/v0/resource-policy (id resource-policy, bound to everything); with either, PUT
 * /kbs/v0/admin/resource-policies/{id} with the binding.
 */
@Command(name = "set-resource-policy", aliases = "put-resource-policy", mixinStandardHelpOptions = true,
        description = "Store a resource policy (Rego or CEL), optionally under an id and bound to a path prefix.")
final class SetResourcePolicyCommand extends AdminCommand {

    /** Releases to any attested guest. */
    static final String ALLOW_ALL = "true";
    /** Releases nothing. */
    static final String DENY_ALL = "false";
    /**
     * Releases when every device of the token (cpu0, GPUs, ...) has the EAR status affirming, and there is at least
     * one: the claim names of docs/policies.md ("Examples", upstream's sample affirming policy).
     */
    static final String AFFIRMING = "size(input.submods) > 0"
            + " && input.submods.all(name, input.submods[name][\"ear.status\"] == \"affirming\")";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--file", paramLabel = "FILE", description = "Policy text file (.rego or .cel); - reads standard input.")
        Path file;

        @Option(names = "--allow-all", description = "Release to any attested guest (CEL: " + ALLOW_ALL + ").")
        boolean allowAll;

        @Option(names = "--deny-all", description = "Release nothing (CEL: " + DENY_ALL + ").")
        boolean denyAll;

        @Option(names = "--affirming", description = "Release when every device in the token is affirming (CEL: "
                + AFFIRMING + ").")
        boolean affirming;
    }

    @Option(names = "--id", paramLabel = "ID", description = "Policy id (default: resource-policy).")
    String id;

    @Option(names = "--binding", paramLabel = "PREFIX",
            description = "What the policy governs: \"\" (everything, default), tenant-a/, tenant-a/key/, cert: ...")
    String binding;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        String origin;
        String text;
        if (source.file != null) {
            text = readText(source.file);
            origin = "from " + name(source.file);
        } else {
            text = source.allowAll ? ALLOW_ALL : source.denyAll ? DENY_ALL : AFFIRMING;
            origin = source.allowAll ? "--allow-all" : source.denyAll ? "--deny-all" : "--affirming";
        }
        byte[] policy = text.getBytes(StandardCharsets.UTF_8);
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
                + " set " + origin + " (" + policy.length + " bytes)", json);
    }
}
