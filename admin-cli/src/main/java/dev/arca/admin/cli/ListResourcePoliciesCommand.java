package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code list-resource-policies}: every stored resource policy with its binding. */
@Command(name = "list-resource-policies", mixinStandardHelpOptions = true,
        description = "List resource policies: id, binding, last update, SHA-256 of the text.")
final class ListResourcePoliciesCommand extends AdminCommand {

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = kbs().get("/kbs/v0/admin/resource-policies");
        JsonNode policies = response.json().orElseThrow(() -> new CommandFailure("the KBS answered no JSON"));
        TextTable table = new TextTable("ID", "BINDING", "UPDATED", "SHA256");
        policies.forEach(p -> {
            String binding = p.path("binding").asString();
            String sha = p.path("sha256").asString();
            table.row(p.path("id").asString(), binding.isEmpty() ? "\"\"" : binding, p.path("updated_at").asString(),
                    sha.length() > 12 ? sha.substring(0, 12) : sha);
        });
        ObjectNode json = object();
        json.put("status", response.status());
        json.set("policies", policies);
        success(table.isEmpty() ? "no resource policies stored: the built-in default policy applies" : table.toString(),
                json);
    }
}
