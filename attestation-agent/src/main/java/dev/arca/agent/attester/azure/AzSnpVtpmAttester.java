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
 * Azure SEV-SNP confidential VM with vTPM (specs/aa.md §3.4). Evidence version 2:
 * {@code {"version": 2, "tpm_quote": {...}, "hcl_report": b64url(padded), "vcek": b64url(padded, DER)}}.
 */
public final class AzSnpVtpmAttester implements Attester {

    private final AzureVtpm vtpm;
    private final AzureImds imds;

    AzSnpVtpmAttester(AzureVtpm vtpm, AzureImds imds) {
        this.vtpm = vtpm;
        this.imds = imds;
    }

    public static AzSnpVtpmAttester open(Platform platform, AzureImds imds) throws AttesterException {
        return new AzSnpVtpmAttester(AzureVtpm.open(platform), imds);
    }


    @Override
    public Tee tee() {
        return Tee.AZ_SNP_VTPM;
    }

    @Override
    public JsonNode evidence(byte[] reportData) throws AttesterException {
        HclReport hcl = vtpm.freshReport(reportData);
        if (hcl.reportType() != HclReport.TYPE_SNP) {
            throw new AttesterException("the vTPM's HCL report is not an SNP one (type " + hcl.reportType() + ")");
        }
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        evidence.put("version", 2);
        evidence.set("tpm_quote", vtpm.quote(reportData));
        Base64.Encoder padded = Base64.getUrlEncoder();
        evidence.put("hcl_report", padded.encodeToString(hcl.bytes()));
        evidence.put("vcek", padded.encodeToString(imds.vcekDer()));
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
