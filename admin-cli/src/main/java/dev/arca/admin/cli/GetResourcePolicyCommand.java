package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.json.Base64s;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code get-resource-policy [--id ID]}: show one resource policy, its binding and its CEL text. */
@Command(name = "get-resource-policy", mixinStandardHelpOptions = true,
        description = "Show a resource policy: id, binding, last update and its CEL text.")
final class GetResourcePolicyCommand extends AdminCommand {

    @Option(names = "--id", paramLabel = "ID", defaultValue = PolicyIds.UPSTREAM,
            description = "Policy id (default: ${DEFAULT-VALUE}).")
    String id;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = kbs().get(PolicyIds.path(PolicyIds.require(id)));
        JsonNode view = response.json().orElseThrow(() -> new CommandFailure("the KBS answered no JSON"));
        String text;
        try {
            text = new String(Base64s.fromUrl(view.path("policy").asString()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("the KBS answered a policy that is not base64url");
        }
        ObjectNode json = object();
        json.put("status", response.status());
        json.put("id", view.path("id").asString());
        json.put("binding", view.path("binding").asString());
        json.put("sha256", view.path("sha256").asString());
        json.put("updated_at", view.path("updated_at").asString());
        json.put("policy", text);
        String binding = view.path("binding").asString();
        success("policy " + view.path("id").asString() + System.lineSeparator()
                + "binding " + (binding.isEmpty() ? "\"\" (everything)" : binding) + System.lineSeparator()
                + "updated " + view.path("updated_at").asString() + System.lineSeparator()
                + "sha256  " + view.path("sha256").asString() + System.lineSeparator()
                + System.lineSeparator() + text.stripTrailing(), json);
    }
}
