package dev.arca.agent.attester.azure;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.platform.Platform;
import dev.arca.model.tee.Tee;
import dev.arca.tpm.azure.HclReport;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure SEV-SNP confidential VM with vTPM (guest-components Azure vTPM attesters). Evidence version 2:
 * {@code {"version": 2, "tpm_quote": {...}, "hcl_report": b64url(padded), "vcek": b64url(padded, DER)}}.
 */
public final class AzSnpVtpmAttester extends AzureVtpmAttester {

    AzSnpVtpmAttester(AzureVtpm vtpm, AzureImds imds) {
        super(vtpm, imds);
    }

    public static AzSnpVtpmAttester open(Platform platform, AzureImds imds) throws AttesterException {
        return new AzSnpVtpmAttester(AzureVtpm.open(platform), imds);
    }

    @Override
    public Tee tee() {
        return Tee.AZ_SNP_VTPM;
    }

    @Override
    int hclReportType() {
        return HclReport.TYPE_SNP;
    }

    @Override
    String hclReportName() {
        return "an SNP";
    }

    @Override
    void addEndorsement(ObjectNode evidence, HclReport hcl) throws AttesterException {
        evidence.put("vcek", PADDED_URL.encodeToString(imds.vcekDer()));
    }
}
