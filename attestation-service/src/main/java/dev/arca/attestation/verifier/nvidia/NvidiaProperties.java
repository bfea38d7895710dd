package dev.arca.attestation.verifier.nvidia;

import dev.arca.nvidia.GpuReportVerifier;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trust in NVIDIA device certificate chains (docs/verifiers/cca-csv-nvidia.md "Configuration").
 *
 * @param rootSha256 hex SHA-256 fingerprints of the DER of the roots a GPU's device chain may end in; the default is
 *                   the NVIDIA Device Identity CA. Only a test or lab setup adds another.
 */
@ConfigurationProperties("arca.as.nvidia")
public record NvidiaProperties(
        @DefaultValue(GpuReportVerifier.NVIDIA_DEVICE_IDENTITY_CA_SHA256) Set<String> rootSha256) {
}
