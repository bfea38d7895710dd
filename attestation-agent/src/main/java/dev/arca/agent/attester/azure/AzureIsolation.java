package dev.arca.agent.attester.azure;

import dev.arca.agent.platform.Platform;
import dev.arca.model.tee.Tee;
import dev.arca.tpm.azure.HclReport;
import java.util.Optional;

/**
 * Tells an Azure confidential VM by the HCL report its vTPM holds (guest-components Azure vTPM attesters): report type
 * TDX → {@code az-tdx-vtpm}, SNP → {@code az-snp-vtpm}; no vTPM or no HCL report → not an Azure CVM.
 */
public final class AzureIsolation {

    private AzureIsolation() {
    }

    public static Optional<Tee> detect(Platform platform) {
        return AzureVtpm.probe(platform).flatMap(report -> switch (report.reportType()) {
            case HclReport.TYPE_TDX -> Optional.of(Tee.AZ_TDX_VTPM);
            case HclReport.TYPE_SNP -> Optional.of(Tee.AZ_SNP_VTPM);
            default -> Optional.empty();
        });
    }
}
