package dev.arca.attestation.rvps;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reference values that come from this service's configuration rather than the RVPS, such as the measurements of the
 * NVIDIA RIM files of {@code arca.as.nvidia.rim-directory}. Policies see them merged with the RVPS's
 * ({@link CombinedReferenceValues}).
 */
public interface ConfiguredReferenceValues {

    /** @return the value (a JSON array of allowed values) for the name, or empty when this source has none */
    Optional<JsonNode> find(String name);
}
