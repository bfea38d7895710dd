package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import dev.arca.model.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code list-reference-values [--prefix P]}: the unexpired reference values (GET /reference-values on the RVPS). */
@Command(name = "list-reference-values", mixinStandardHelpOptions = true,
        description = "List unexpired reference values: name, expiration, value (asks the RVPS at --rvps).")
final class ListReferenceValuesCommand extends AdminCommand {

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Only names starting with PREFIX.")
    String prefix;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        AdminResponse response = rvps().get("/reference-values?prefix="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        JsonNode values = response.json().filter(JsonNode::isArray)
                .orElseThrow(() -> new CommandFailure("the RVPS answered no JSON list"));
        TextTable table = new TextTable("NAME", "EXPIRES", "VALUE");
        values.forEach(v -> table.row(v.path("name").asString(), v.path("expiration").asString(),
                Json.write(v.path("value"))));
        ObjectNode json = object();
        json.put("status", response.status());
        json.set("reference_values", values);
        success(table.isEmpty() ? "no reference values" + (prefix.isEmpty() ? "" : " under " + prefix)
                : table.toString(), json);
    }
}
