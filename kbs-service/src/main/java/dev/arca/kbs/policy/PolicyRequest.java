package dev.arca.kbs.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL {@code request} variable (docs/architecture.md "Resource policy"): upstream's structured policy data
 * {plugin, resource-path, query} (specs/kbs.md §3.6), built as values, never by splicing text (§9 item 13).
 */
public record PolicyRequest(String plugin, List<String> path, Map<String, String> query) {

    public PolicyRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
    }

    Map<String, Object> toCel() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("plugin", plugin);
        request.put("path", path);
        request.put("query", query);
        return request;
    }
}
