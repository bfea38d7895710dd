package dev.arca.rvps.extractor.intoto;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The signed content of a root layout (in-toto spec §4.3): when it expires, the functionaries' keys, the ordered steps,
 * and the names of its inspections (never run, see {@link InTotoVerifier}). Certificate constraints, root and
 * intermediate CAs (an in-toto-golang extension) are not used: functionaries are identified by key only.
 */
record Layout(Instant expires, Map<String, InTotoKey> keys, List<Step> steps, List<String> inspections) {

    /**
     * A step (§4.3.1).
     *
     * @param pubkeys the ids of the keys that may sign its links
     */
    record Step(String name, int threshold, List<String> pubkeys, List<ArtifactRule> expectedMaterials,
                List<ArtifactRule> expectedProducts, List<String> expectedCommand) {
    }

    static Layout parse(JsonNode body) {
        if (!"layout".equals(body.path("_type").asString(""))) {
            throw new InTotoRefusedException("the layout's _type is not \"layout\"");
        }
        Instant expires = expires(body.path("expires"));
        Map<String, InTotoKey> keys = keys(body.path("keys"));
        Set<String> names = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        JsonNode stepList = body.path("steps");
        if (!stepList.isArray() || stepList.isEmpty()) {
            throw new InTotoRefusedException("the layout has no steps");
        }
        for (JsonNode node : stepList) {
            Step step = step(node, keys);
            if (!names.add(step.name())) {
                throw new InTotoRefusedException("the layout names step " + step.name() + " twice (§4.3.1)");
            }
            steps.add(step);
        }
        List<String> inspections = new ArrayList<>();
        JsonNode inspectList = body.path("inspect");
        if (inspectList.isArray()) {
            for (JsonNode inspection : inspectList) {
                String name = inspection.path("name").asString("(unnamed)");
                if (!names.add(name)) {
                    throw new InTotoRefusedException("the layout names " + name + " twice (§4.3.2)");
                }
                inspections.add(name);
            }
        } else if (!inspectList.isMissingNode() && !inspectList.isNull()) {
            throw new InTotoRefusedException("the layout's inspect must be an array");
        }
        return new Layout(expires, keys, List.copyOf(steps), List.copyOf(inspections));
    }

    private static Instant expires(JsonNode node) {
        if (!node.isString()) {
            throw new InTotoRefusedException("the layout lacks expires (§4.3: \"YYYY-MM-DDTHH:MM:SSZ\")");
        }
        try {
            return Instant.parse(node.stringValue());
        } catch (DateTimeParseException e) {
            throw new InTotoRefusedException("the layout's expires \"" + node.stringValue()
                    + "\" is not an ISO 8601 UTC time (§4.2.2: \"YYYY-MM-DDTHH:MM:SSZ\")");
        }
    }

    private static Map<String, InTotoKey> keys(JsonNode node) {
        Map<String, InTotoKey> keys = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return keys;
        }
        if (!node.isObject()) {
            throw new InTotoRefusedException("the layout's keys must be an object of key id → key");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode declared = entry.getValue().get("keyid");
            if (declared != null && !entry.getKey().equals(declared.asString(""))) {
                throw new InTotoRefusedException("layout key " + entry.getKey() + " carries the different keyid "
                        + declared.asString(""));
            }
            keys.put(entry.getKey(), InTotoKey.fromMetadata(entry.getKey(), entry.getValue()));
        }
        return keys;
    }

    private static Step step(JsonNode node, Map<String, InTotoKey> keys) {
        JsonNode nameNode = node.path("name");
        if (!nameNode.isString() || nameNode.stringValue().isEmpty()) {
            throw new InTotoRefusedException("a layout step lacks its name");
        }
        String name = nameNode.stringValue();
        JsonNode thresholdNode = node.path("threshold");
        if (!thresholdNode.isIntegralNumber() || !thresholdNode.canConvertToInt() || thresholdNode.intValue() < 1) {
            throw new InTotoRefusedException("step " + name + ": threshold must be an integer of at least 1");
        }
        List<String> pubkeys = new ArrayList<>();
        for (JsonNode keyId : node.path("pubkeys")) {
            String id = keyId.asString("");
            if (!keys.containsKey(id)) {
                throw new InTotoRefusedException("step " + name + " authorizes key " + id
                        + ", which is not among the layout's keys");
            }
            pubkeys.add(id);
        }
        if (pubkeys.size() < thresholdNode.intValue()) {
            throw new InTotoRefusedException("step " + name + " has threshold " + thresholdNode.intValue()
                    + " but only " + pubkeys.size() + " functionary key(s)");
        }
        List<String> command = new ArrayList<>();
        node.path("expected_command").forEach(word -> command.add(word.asString("")));
        return new Step(name, thresholdNode.intValue(), List.copyOf(pubkeys),
                ArtifactRule.parseList(node.get("expected_materials"), "step " + name + " expected_materials"),
                ArtifactRule.parseList(node.get("expected_products"), "step " + name + " expected_products"),
                List.copyOf(command));
    }
}
