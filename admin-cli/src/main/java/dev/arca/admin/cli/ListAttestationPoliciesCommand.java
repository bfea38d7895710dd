package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code list-attestation-policies}: the AS's policy ids, uploaded and built in (GET /policy on the AS). */
@Command(name = "list-attestation-policies", mixinStandardHelpOptions = true,
        description = "List the attestation service's policy ids, uploaded and built in (asks the AS at --as).")
final class ListAttestationPoliciesCommand extends AdminCommand {

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = attestationService().get("/policy");
        JsonNode policies = response.json().filter(JsonNode::isArray)
                .orElseThrow(() -> new CommandFailure("the attestation service answered no JSON list"));
        List<String> ids = new ArrayList<>();
        policies.forEach(p -> ids.add(p.path("policy-id").asString()));
        ObjectNode json = object();
        json.put("status", response.status());
        json.set("policies", json.arrayNode().addAll(ids.stream().map(json::textNode).toList()));
        success(ids.isEmpty() ? "no attestation policies" : String.join(System.lineSeparator(), ids), json);
    }
}
