package dev.arca.attestation.verifier.azure;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the {@code az-snp-vtpm} verifier gets AMD's ASK/ARK chains (the VCEK comes with the evidence; the ARK is
 * pinned by amd-snp): an offline directory in the KDS layout, or AMD's KDS, whose answers are verified once and kept
 * (docs/verifiers/azure-tpm.md "Configuration").
 *
 * @param amdCertificates an offline directory of AMD certificate chains (amd-snp OfflineCertificateDirectory layout);
 *                        when set, the KDS is not asked
 * @param kdsUrl          AMD's Key Distribution Service
 */
@ConfigurationProperties("arca.as.azure")
public record AzureProperties(Path amdCertificates, @DefaultValue("https://kdsintf.amd.com") URI kdsUrl) {
}
