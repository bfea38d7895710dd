package dev.arca.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.launcher.suite.ServiceKind;
import dev.arca.model.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Everything an admin can list in the three services, read with a genuine admin token: what a bad request must never
 * change. The KBS's audit log is kept apart: refusals may add rows to it, and nothing else may touch it.
 */
record AdminListings(Map<String, String> listings, List<JsonNode> audit) {

    static AdminListings read(RunningSuite suite) throws Exception {
        Map<String, String> listings = new LinkedHashMap<>();
        for (String path : List.of("/kbs/v0/admin/resources", "/kbs/v0/admin/resource-policies",
                "/kbs/v0/resource-policy")) {
            listings.put("kbs " + path, get(suite, suite.kbs() + path));
        }
        listings.put("as GET /policy", get(suite, suite.url(ServiceKind.ATTESTATION_SERVICE) + "/policy"));
        listings.put("rvps GET /reference-values", get(suite, suite.url(ServiceKind.RVPS) + "/reference-values"));
        return new AdminListings(listings, audit(suite));
    }

    /** The whole audit log, page by page. */
    private static List<JsonNode> audit(RunningSuite suite) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        String after = null;
        while (true) {
            String page = get(suite, suite.kbs() + "/kbs/v0/admin/audit?limit=1000"
                    + (after == null ? "" : "&after=" + after));
            JsonNode tree = Json.tree(page);
            JsonNode records = tree.isArray() ? tree : tree.get("records");
            if (records == null || records.isEmpty()) {
                return rows;
            }
            records.forEach(rows::add);
            after = records.get(records.size() - 1).get("id").asString();
            if (records.size() < 1000) {
                return rows;
            }
        }
    }

    private static String get(RunningSuite suite, String url) throws Exception {
        HttpResponse<String> response = suite.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + suite.adminToken()).GET());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The same listings, and an audit log that only gained refusals. */
    void assertUnchangedBy(AdminListings after) {
        assertThat(after.listings()).isEqualTo(listings);
        assertThat(after.audit()).startsWith(audit.toArray(JsonNode[]::new));
        after.audit().subList(audit.size(), after.audit().size()).forEach(row -> assertThat(
                row.get("decision").asString()).as(row.toString()).isEqualTo("refused"));
    }
}
