package dev.arca.agent.attester.azure;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.agent.attester.tpm.TpmPcrRegister;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Json;
import dev.arca.model.tee.Tee;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure TDX confidential VM with vTPM (specs/aa.md §3.4): the TDREPORT inside the fresh HCL report is turned into a
 * TD quote by Azure's IMDS. Evidence version 2:
 * {@code {"version": 2, "tpm_quote": {...}, "hcl_report": b64url(padded), "td_quote": b64url(padded)}}.
 */
public final class AzTdxVtpmAttester implements Attester {

    private final AzureVtpm vtpm;
    private final AzureImds imds;

    AzTdxVtpmAttester(AzureVtpm vtpm, AzureImds imds) {
        this.vtpm = vtpm;
        this.imds = imds;
    }

    public static AzTdxVtpmAttester open(Platform platform, AzureImds imds) throws AttesterException {
        return new AzTdxVtpmAttester(AzureVtpm.open(platform), imds);
    }


    @Override
    public Tee tee() {
        return Tee.AZ_TDX_VTPM;
    }

    @Override
    public JsonNode evidence(byte[] reportData) throws AttesterException {
        HclReport hcl = vtpm.freshReport(reportData);
        if (hcl.reportType() != HclReport.TYPE_TDX) {
            throw new AttesterException("the vTPM's HCL report is not a TDX one (type " + hcl.reportType() + ")");
        }
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        evidence.put("version", 2);
        evidence.set("tpm_quote", vtpm.quote(reportData));
        Base64.Encoder padded = Base64.getUrlEncoder();
        evidence.put("hcl_report", padded.encodeToString(hcl.bytes()));
        evidence.put("td_quote", padded.encodeToString(imds.tdQuote(hcl.tdReport())));
        return evidence;
    }

    @Override
    public InitDataBinding bindInitData(byte[] digest) throws AttesterException {
        TpmPcrRegister.extendInitData(vtpm.tpm(), digest);
        return InitDataBinding.extended("init-data digest extended into vTPM PCR 8 (SHA-256 bank)");
    }

    @Override
    public Optional<MeasurementRegister> measurementRegister() {
        return Optional.of(new TpmPcrRegister(vtpm.tpm(), "vTPM PCR (SHA-256 bank)"));
    }
}
