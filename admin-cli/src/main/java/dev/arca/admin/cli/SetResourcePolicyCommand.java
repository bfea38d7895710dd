package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.json.Base64s;
import dev.arca.model.policy.BuiltInResourcePolicy;
import dev.arca.model.policy.PolicyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code set-resource-policy (--file F | --default | --allow-all | --deny-all | --affirming) [--language rego|cel]
 * [--id ID] [--binding B]}: store a resource policy, Rego or CEL, declared by the envelope's {@code type}
 * ({@link UploadLanguage}; a switch declares the --language it stores). The switches store one of Arca's built-in policies
 * ({@link BuiltInResourcePolicy}, as kbs-client's switches store upstream's samples) in the language asked for. Without
 * --id and --binding it uses upstream's form, POST /kbs/v0/resource-policy (id resource-policy, bound to everything);
 * with either, PUT /kbs/v0/admin/resource-policies/{id} with the binding.
 */
@Command(name = "set-resource-policy", aliases = "put-resource-policy", mixinStandardHelpOptions = true,
        description = "Store a resource policy (Rego or CEL), optionally under an id and bound to a path prefix.")
final class SetResourcePolicyCommand extends AdminCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--file", paramLabel = "FILE", description = "Policy text file (.rego or .cel); - reads standard input.")
        Path file;

        @Option(names = "--default", description = "Arca's default: resources only, to an affirming cpu0 that is not"
                + " the sample TEE.")
        boolean arcaDefault;

        @Option(names = "--allow-all", description = "Release any resource to any attested guest (no other plugin).")
        boolean allowAll;

        @Option(names = "--deny-all", description = "Release nothing.")
        boolean denyAll;

        @Option(names = "--affirming", description = "Release when the token has a device and every device in it is"
                + " affirming.")
        boolean affirming;

        BuiltInResourcePolicy builtIn() {
            return arcaDefault ? BuiltInResourcePolicy.DEFAULT : allowAll ? BuiltInResourcePolicy.ALLOW_ALL
                    : denyAll ? BuiltInResourcePolicy.DENY_ALL : BuiltInResourcePolicy.AFFIRMING;
        }
    }

    @Option(names = "--language", paramLabel = "rego|cel", defaultValue = "cel",
            description = "Language of the built-in policy a switch stores (default: ${DEFAULT-VALUE}); both decide"
                    + " alike. A --file is sent as written.")
    String language;

    @Option(names = "--id", paramLabel = "ID", description = "Policy id (default: resource-policy).")
    String id;

    @Option(names = "--binding", paramLabel = "PREFIX",
            description = "What the policy governs: \"\" (everything, default), tenant-a/, tenant-a/key/, cert: ...")
    String binding;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        String origin;
        String text;
        PolicyType type;
        if (source.file != null) {
            text = readText(source.file);
            type = UploadLanguage.of(source.file, text);
            origin = "from " + name(source.file) + " (" + type.wireName() + ")";
        } else {
            BuiltInResourcePolicy builtIn = source.builtIn();
            try {
                text = builtIn.text(language);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            }
            origin = "--" + builtIn.name().toLowerCase(Locale.ROOT).replace('_', '-') + " ("
                    + language.toLowerCase(Locale.ROOT) + ")";
            type = PolicyType.parse(language).orElseThrow();
        }
        byte[] policy = text.getBytes(StandardCharsets.UTF_8);
        ObjectNode body = object();
        body.put("policy", Base64s.url(policy));
        body.put("type", type.wireName());
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
        json.put("type", type.wireName());
        json.put("bytes", policy.length);
        json.put("status", response.status());
        success("resource policy " + policyId + (binding == null || binding.isEmpty() ? "" : " bound to " + binding)
                + " set " + origin + " (" + policy.length + " bytes)", json);
    }
}
