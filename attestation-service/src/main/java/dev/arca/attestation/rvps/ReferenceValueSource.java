package dev.arca.attestation.rvps;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Where attestation policies get reference values from (docs/architecture.md, policy function {@code rv}). */
public interface ReferenceValueSource {

    /**
     * @return the reference value's JSON value, or empty when the RVPS has none (or only an expired one)
     * @throws RvpsUnavailableException when the RVPS cannot answer; policies then fail closed
     */
    Optional<JsonNode> find(String name);
}
