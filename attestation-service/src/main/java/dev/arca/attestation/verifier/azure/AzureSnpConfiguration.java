package dev.arca.attestation.verifier.azure;

import dev.arca.snp.SnpVerifier;
import dev.arca.snp.kds.CertificateSource;
import dev.arca.snp.kds.KdsClient;
import dev.arca.snp.kds.KdsSettings;
import dev.arca.snp.kds.OfflineCertificateDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SNP verification behind {@code az-snp-vtpm}. It only ever fetches ASK/ARK chains (cert_chain, one per processor
 * generation, verified once and kept by amd-snp's verified-certificate cache), never a VCEK: Azure's evidence carries
 * it. When the AS gets its one AMD collateral chain (the {@code snp} verifier's), this bean is to be built on it.
 */
@Configuration(proxyBeanMethods = false)
class AzureSnpConfiguration {

    @Bean
    AzureSnpReportVerifier azureSnpReportVerifier(AzureProperties properties) {
        CertificateSource source = properties.amdCertificates() != null
                ? new OfflineCertificateDirectory(properties.amdCertificates())
                : new KdsClient(KdsSettings.of(properties.kdsUrl()));
        return new AzureSnpReportVerifier(SnpVerifier.forSource(source));
    }
}
