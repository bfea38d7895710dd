package dev.arca.attestation.rvps;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What policies read: the RVPS's reference values (through the cache), and for the names a configured source also
 * knows, the union of both lists, so a value allowed by either is allowed. The RVPS is still asked for those names:
 * when it cannot answer, the evaluation fails closed as for any other name.
 */
public class CombinedReferenceValues implements ReferenceValueSource {

    private final ReferenceValueSource rvps;
    private final List<ConfiguredReferenceValues> configured;

    public CombinedReferenceValues(ReferenceValueSource rvps, List<ConfiguredReferenceValues> configured) {
        this.rvps = rvps;
        this.configured = List.copyOf(configured);
    }

    @Override
    public Optional<JsonNode> find(String name) {
        Set<JsonNode> values = new LinkedHashSet<>();
        for (ConfiguredReferenceValues source : configured) {
            source.find(name).ifPresent(value -> addAll(values, value));
        }
        Optional<JsonNode> fromRvps = rvps.find(name);
        if (values.isEmpty()) {
            return fromRvps;
        }
        fromRvps.ifPresent(value -> addAll(values, value));
        ArrayNode union = JsonNodeFactory.instance.arrayNode();
        values.forEach(union::add);
        return Optional.of(union);
    }

    private static void addAll(Set<JsonNode> values, JsonNode value) {
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
    }
}
