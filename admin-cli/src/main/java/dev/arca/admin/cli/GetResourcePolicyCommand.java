package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.ObjectNode;

/** {@code get-resource-policy}: print what GET /kbs/v0/resource-policy answers. */
@Command(name = "get-resource-policy", mixinStandardHelpOptions = true,
        description = "Show the KBS resource policy.")
final class GetResourcePolicyCommand extends AdminCommand {

    @Override
    void execute() throws AdminCallException, AdminKeyException {
        AdminResponse response = kbs().get("/kbs/v0/resource-policy");
        ObjectNode json = object();
        json.put("status", response.status());
        response.json().ifPresentOrElse(body -> json.set("policy", body), () -> json.put("policy", response.text()));
        String text = response.text();
        success(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text, json);
    }
}
