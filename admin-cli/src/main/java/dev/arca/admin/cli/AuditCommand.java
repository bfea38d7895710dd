package dev.arca.admin.cli;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.admin.kbs.AdminResponse;
import dev.arca.admin.keys.AdminKeyException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code audit [--since T] [--after ID] [--limit N]}: the KBS's record of releases and refusals, oldest first. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Show audit records of secret releases and refusals, oldest first.")
final class AuditCommand extends AdminCommand {

    @Option(names = "--since", paramLabel = "WHEN", converter = PointInTime.Converter.class,
            description = "From then on: yesterday, today, an age (15m, 1h, 2d, 1w), an instant "
                    + "(2026-11-26T12:00:00Z) or a date (2026-11-26).")
    Instant since;

    @Option(names = "--after", paramLabel = "ID", description = "Continue after this record id (paging).")
    Long after;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N records (1-1000).")
    int limit;

    @Override
    void execute() throws AdminCallException, AdminKeyException, CommandFailure {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        if (since != null) {
            query.append("&since=").append(since);
        }
        if (after != null) {
            query.append("&after=").append(after);
        }
        AdminResponse response = kbs().get("/kbs/v0/admin/audit" + query);
        JsonNode records = response.json().orElseThrow(() -> new CommandFailure("the KBS answered no JSON"));
        TextTable table = new TextTable("ID", "TIME", "DECISION", "RESOURCE", "POLICY", "TEE", "VIA", "STATUS",
                "REASON");
        records.forEach(r -> table.row(Long.toString(r.path("id").asLong()), r.path("time").asString(),
                r.path("decision").asString(), r.path("resource").asString(), text(r, "policy_id"), text(r, "tee"),
                text(r, "via"), Integer.toString(r.path("status").asInt()), text(r, "reason")));
        ObjectNode json = object();
        json.put("status", response.status());
        json.set("records", records);
        success(table.isEmpty() ? "no audit records" : table.toString(), json);
    }

    private static String text(JsonNode record, String member) {
        return record.hasNonNull(member) ? record.get(member).asString() : null;
    }
}
