package dev.arca.attestation.verifier.csv;

import dev.arca.csv.cert.HygonCertificateChain;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the {@code csv} verifier (docs/verifiers/cca-csv-nvidia.md "Configuration"). Timeouts, cache timing
 * and the offline folder ({@code <arca.as.collateral.offline-dir>/hygon}) are the collateral chain's
 * ({@code arca.as.collateral.*}).
 *
 * @param hrkSha256 the hex SHA-256 of the HRK certificate to trust; the default is Hygon's root key. Only a test or
 *                  lab PKI sets another
 * @param kdsUrl    Hygon's key distribution service, or a caching proxy serving the same paths ({@code /hrk},
 *                  {@code /hsk_cek?snumber=})
 */
@ConfigurationProperties("arca.as.hygon")
@Validated
public record HygonProperties(
        @DefaultValue(HygonCertificateChain.HYGON_HRK_SHA256) @Pattern(regexp = "[0-9a-fA-F]{64}") String hrkSha256,
        @DefaultValue("https://cert.hygon.cn") @NotNull URI kdsUrl) {

}
