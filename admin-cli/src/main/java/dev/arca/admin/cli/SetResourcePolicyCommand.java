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

/** {@code set-resource-policy --file F}: {"policy": b64url(CEL text)} to POST /kbs/v0/resource-policy. */
@Command(name = "set-resource-policy", mixinStandardHelpOptions = true,
        description = "Replace the KBS resource policy (one boolean CEL expression).")
final class SetResourcePolicyCommand extends AdminCommand {

    @Option(names = "--file", paramLabel = "FILE", required = true, description = "CEL policy text file.")
    Path file;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        byte[] policy = readText(file).getBytes(StandardCharsets.UTF_8);
        ObjectNode body = object();
        body.put("policy", Base64s.url(policy));
        AdminResponse response = kbs().postJson("/kbs/v0/resource-policy", body);
        ObjectNode json = object();
        json.put("policy", "resource-policy");
        json.put("bytes", policy.length);
        json.put("status", response.status());
        success("resource policy set from " + file + " (" + policy.length + " bytes)", json);
    }
}
