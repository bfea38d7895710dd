package dev.arca.kbs.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL {@code request} variable (docs/architecture.md "Resource policy"): upstream's structured policy data
 * {plugin, resource-path, query} (Trustee KBS policy engine, since v0.17), built as values, never by splicing text,
 * plus the HTTP method and what a plugin adds about the request (the certificate plugin adds {@code csr}).
 *
 * @param plugin     the plugin name, the first segment after {@code /kbs/v0/}
 * @param path       the remaining segments
 * @param query      the query string as a flat map, the last value of a repeated key winning
 * @param method     GET, POST, PUT or DELETE
 * @param attributes further members of {@code request}, from the plugin
 */
public record PolicyRequest(String plugin, List<String> path, Map<String, String> query, String method,
        Map<String, Object> attributes) {

    public static final String RESOURCE_PLUGIN = "resource";

    public PolicyRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
        attributes = Map.copyOf(attributes);
    }

    public PolicyRequest(String plugin, List<String> path, Map<String, String> query) {
        this(plugin, path, query, "GET", Map.of());
    }

    /**
     * What policy bindings are matched against: {@code repo/type/tag} for the resource plugin, so a binding
     * {@code tenant-a/} covers a repository; {@code <plugin>:<segments joined by />} for any other plugin (a repository
     * name cannot contain {@code :}, so the two never collide).
     */
    public String subject() {
        String joined = String.join("/", path);
        return RESOURCE_PLUGIN.equals(plugin) ? joined : plugin + ":" + joined;
    }

    Map<String, Object> toCel() {
        Map<String, Object> request = new LinkedHashMap<>(attributes);
        request.put("plugin", plugin);
        request.put("path", path);
        request.put("query", query);
        request.put("method", method);
        return request;
    }
}
