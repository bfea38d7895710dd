package dev.arca.agent.attester.azure;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.platform.Platform;
import dev.arca.model.tee.Tee;
import dev.arca.tpm.azure.HclReport;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure TDX confidential VM with vTPM (guest-components Azure vTPM attesters): the TDREPORT inside the fresh HCL report
 * is turned into a TD quote by Azure's IMDS. Evidence version 2:
 * {@code {"version": 2, "tpm_quote": {...}, "hcl_report": b64url(padded), "td_quote": b64url(padded)}}.
 */
public final class AzTdxVtpmAttester extends AzureVtpmAttester {

    AzTdxVtpmAttester(AzureVtpm vtpm, AzureImds imds) {
        super(vtpm, imds);
    }

    public static AzTdxVtpmAttester open(Platform platform, AzureImds imds) throws AttesterException {
        return new AzTdxVtpmAttester(AzureVtpm.open(platform), imds);
    }

    @Override
    public Tee tee() {
        return Tee.AZ_TDX_VTPM;
    }

    @Override
    int hclReportType() {
        return HclReport.TYPE_TDX;
    }

    @Override
    String hclReportName() {
        return "a TDX";
    }

    @Override
    void addEndorsement(ObjectNode evidence, HclReport hcl) throws AttesterException {
        evidence.put("td_quote", PADDED_URL.encodeToString(imds.tdQuote(hcl.tdReport())));
    }
}
