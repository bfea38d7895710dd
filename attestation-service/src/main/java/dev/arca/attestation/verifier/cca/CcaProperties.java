package dev.arca.attestation.verifier.cca;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code cca} verifier's local stores (docs/verifiers/cca-csv-nvidia.md "Configuration"), in the JSON formats
 * upstream's local CCA verifier reads (its {@code ta-store} and {@code rv-store}). Without both, every CCA token is
 * refused: there is nothing to verify it against.
 *
 * @param trustAnchorStore     the CPAKs: {@code [{"implementation-id", "instance-id", "pkey": P-384 JWK}]}
 * @param referenceValueStore  platform sw-components/configuration and realm RIM/REMs/personalization value
 */
@ConfigurationProperties("arca.as.cca")
public record CcaProperties(Path trustAnchorStore, Path referenceValueStore) {
}
