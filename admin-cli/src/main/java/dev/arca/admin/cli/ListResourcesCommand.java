package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code list-resources [--prefix P] [--limit N]}: the stored secrets' metadata (never their values). */
@Command(name = "list-resources", mixinStandardHelpOptions = true,
        description = "List stored secrets: path, size, last update, KEK id. Values are never shown.")
final class ListResourcesCommand extends AdminCommand {

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Only paths starting with PREFIX, e.g. tenant-a/ or tenant-a/key/.")
    String prefix;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N entries (1-10000).")
    int limit;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        if (!prefix.matches("[A-Za-z0-9_./-]*")) {
            throw new CommandFailure("--prefix may contain [A-Za-z0-9_./-] only");
        }
        AdminResponse response = kbs().get("/kbs/v0/admin/resources?prefix="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + "&limit=" + limit);
        JsonNode entries = response.json().orElseThrow(() -> new CommandFailure("the KBS answered no JSON"));
        TextTable table = new TextTable("RESOURCE", "SIZE", "UPDATED", "KEK");
        entries.forEach(e -> table.row(e.path("resource").asString(), Integer.toString(e.path("size").asInt()),
                e.path("updated_at").asString(), e.path("kek_id").asString()));
        ObjectNode json = object();
        json.put("status", response.status());
        json.set("resources", entries);
        success(table.isEmpty() ? "no resources" + (prefix.isEmpty() ? "" : " under " + prefix) : table.toString(),
                json);
    }
}
