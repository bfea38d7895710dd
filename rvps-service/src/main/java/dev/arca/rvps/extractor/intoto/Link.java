package dev.arca.rvps.extractor.intoto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The signed content of a link (in-toto spec §4.4): which step it reports, the command run, and the materials and
 * products as path → hash object ({@code {"sha256": "<hex>", …}}, §4.2.3). Byproducts and environment are opaque and
 * not verified (§4.4).
 */
record Link(String name, List<String> command, Map<String, Map<String, String>> materials,
            Map<String, Map<String, String>> products) {

    static Link parse(JsonNode body, String what) {
        String type = body.path("_type").asString("");
        if ("layout".equals(type)) {
            throw new InTotoRefusedException(what + " is a sublayout (in-toto spec §4.5); sublayouts are not"
                    + " supported");
        }
        if (!"link".equals(type)) {
            throw new InTotoRefusedException(what + " is not a link (_type is \"" + type + "\")");
        }
        JsonNode name = body.path("name");
        if (!name.isString() || name.stringValue().isEmpty()) {
            throw new InTotoRefusedException(what + " lacks the step name");
        }
        List<String> command = new ArrayList<>();
        JsonNode commandNode = body.path("command");
        if (commandNode.isArray()) {
            commandNode.forEach(word -> command.add(word.asString("")));
        }
        return new Link(name.stringValue(), List.copyOf(command), artifacts(body.get("materials"), what + " materials"),
                artifacts(body.get("products"), what + " products"));
    }

    static Map<String, Map<String, String>> artifacts(JsonNode node, String what) {
        Map<String, Map<String, String>> artifacts = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return artifacts;
        }
        if (!node.isObject()) {
            throw new InTotoRefusedException(what + " must be an object of path → hash object");
        }
        for (Map.Entry<String, JsonNode> artifact : node.properties()) {
            artifacts.put(artifact.getKey(), hashObject(artifact.getValue(), what + " " + artifact.getKey()));
        }
        return artifacts;
    }

    private static Map<String, String> hashObject(JsonNode node, String what) {
        if (!node.isObject() || node.isEmpty()) {
            throw new InTotoRefusedException(what + " must be a non-empty hash object {\"<algorithm>\": \"<hex>\"}");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> hash : node.properties()) {
            if (!hash.getValue().isString()) {
                throw new InTotoRefusedException(what + ": the " + hash.getKey() + " digest must be a hex string");
            }
            hashes.put(hash.getKey(), hash.getValue().stringValue());
        }
        return Map.copyOf(hashes);
    }
}
