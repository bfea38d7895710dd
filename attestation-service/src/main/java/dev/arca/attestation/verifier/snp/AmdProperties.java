package dev.arca.attestation.verifier.snp;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.cert.AmdRootKeys;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the {@code snp} verifier (docs/verifiers/amd.md "Configuration"). Timeouts, cache timing and the
 * offline folder ({@code <arca.as.collateral.offline-dir>/amd}) are the collateral chain's ({@code arca.as.collateral.*}).
 *
 * @param kdsUrl    AMD's Key Distribution Service, or a caching proxy serving the same paths
 * @param v2Product the processor generation (Milan, Genoa, Turin) of version-2 reports, which do not name it, so that
 *                  their VCEK can be fetched when the evidence does not carry it; unset: such reports must carry it
 * @param vmpl      the VMPL a report must have been requested at (upstream requires 0); -1 accepts any
 * @param arkSha256 per generation ({@code milan}, {@code genoa}, {@code turin}), the SHA-256 of the ARK's DER to trust
 *                  instead of AMD's; unset generations keep AMD's pin. For test PKIs and future AMD roots
 */
@ConfigurationProperties("arca.as.amd")
@Validated
public record AmdProperties(
        @DefaultValue("https://kdsintf.amd.com") @NotNull URI kdsUrl,
        String v2Product,
        @DefaultValue("0") @Min(-1) @Max(3) int vmpl,
        Map<String, String> arkSha256) {

    /** The generation of v2 reports without their VCEK, if configured. */
    public Optional<ProcessorGeneration> v2Generation() {
        return v2Product == null || v2Product.isBlank() ? Optional.empty()
                : Optional.of(ProcessorGeneration.parse(v2Product));
    }

    /** AMD's ARKs, with the configured generations replaced. */
    public AmdRootKeys roots() {
        if (arkSha256 == null || arkSha256.isEmpty()) {
            return AmdRootKeys.pinned();
        }
        Map<ProcessorGeneration, String> pins = new EnumMap<>(ProcessorGeneration.class);
        pins.put(ProcessorGeneration.MILAN, AmdRootKeys.ARK_MILAN_SHA256);
        pins.put(ProcessorGeneration.GENOA, AmdRootKeys.ARK_GENOA_SHA256);
        pins.put(ProcessorGeneration.TURIN, AmdRootKeys.ARK_TURIN_SHA256);
        arkSha256.forEach((product, fingerprint) -> pins.put(ProcessorGeneration.parse(product), fingerprint));
        return AmdRootKeys.pinnedTo(pins);
    }
}
