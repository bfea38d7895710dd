package dev.arca.kbs.plugin;

import dev.arca.kbs.policy.PolicyRequest;
import java.util.List;
import java.util.Map;

/**
 * One request to a plugin: method, plugin name, the path segments after it (decoded from the raw request URI and
 * not yet validated — {@link KbsPlugin#access} does that), the query as a flat map, and the body once read.
 */
public record PluginRequest(String method, String plugin, List<String> path, Map<String, String> query,
        byte[] body) {

    public PluginRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public PluginRequest withBody(byte[] bytes) {
        return new PluginRequest(method, plugin, path, query, bytes);
    }

    /** The policy subject: {@code repo/type/tag} for the resource plugin, {@code <plugin>:<path>} otherwise. */
    public String subject() {
        return new PolicyRequest(plugin, path, query).subject();
    }
}
