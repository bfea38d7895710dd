package dev.arca.attestation.policy;

import dev.arca.attestation.rvps.ReferenceValueSource;
import dev.arca.attestation.rvps.RvpsUnavailableException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reference values held in memory, for evaluating policies without an RVPS process; can play an RVPS outage. */
final class InMemoryReferenceValues implements ReferenceValueSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();
    private volatile boolean down;

    InMemoryReferenceValues put(String name, String valueJson) {
        values.put(name, JSON.readTree(valueJson));
        return this;
    }

    void remove(String name) {
        values.remove(name);
    }

    void clear() {
        values.clear();
    }

    void setDown(boolean down) {
        this.down = down;
    }

    @Override
    public Optional<JsonNode> find(String name) {
        if (down) {
            throw new RvpsUnavailableException("RVPS down (test)");
        }
        return Optional.ofNullable(values.get(name));
    }
}
