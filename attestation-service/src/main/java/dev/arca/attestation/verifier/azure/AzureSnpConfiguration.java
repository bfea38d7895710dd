package dev.arca.attestation.verifier.azure;

import dev.arca.attestation.collateral.CollateralProperties;
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
 * it. Offline mode is the collateral chain's ({@code arca.as.collateral.offline-dir}, folder {@code amd/}); otherwise
 * AMD's KDS. When the AS wires AMD into its collateral chain (the {@code snp} verifier's), this bean is to be built on
 * that verifier instead.
 */
@Configuration(proxyBeanMethods = false)
class AzureSnpConfiguration {

    @Bean
    AzureSnpReportVerifier azureSnpReportVerifier(CollateralProperties collateral) {
        CertificateSource source = collateral.offlineDir("amd")
                .<CertificateSource>map(OfflineCertificateDirectory::new)
                .orElseGet(() -> new KdsClient(KdsSettings.defaults()));
        return new AzureSnpReportVerifier(SnpVerifier.forSource(source));
    }
}
