package dev.arca.agent.attester.azure;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.agent.attester.tpm.TpmPcrRegister;
import dev.arca.model.json.Json;
import dev.arca.tpm.azure.HclReport;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Azure confidential VMs with vTPM share (guest-components Azure vTPM attesters): evidence version 2 is a TPM
 * quote over the runtime data plus the fresh HCL report, and the platform adds one member for its hardware endorsement
 * (SNP: the VCEK; TDX: the TD quote). Init-data and runtime measurements go into vTPM PCRs on both.
 */
abstract sealed class AzureVtpmAttester implements Attester permits AzSnpVtpmAttester, AzTdxVtpmAttester {

    /** Azure's HCL encodes these members as base64url with padding. */
    static final Base64.Encoder PADDED_URL = Base64.getUrlEncoder();

    final AzureVtpm vtpm;
    final AzureImds imds;

    AzureVtpmAttester(AzureVtpm vtpm, AzureImds imds) {
        this.vtpm = vtpm;
        this.imds = imds;
    }

    /** The HCL report type this platform's vTPM must hold ({@link HclReport#TYPE_SNP} or TYPE_TDX). */
    abstract int hclReportType();

    /** How errors name that report type: "an SNP", "a TDX". */
    abstract String hclReportName();

    /** Adds the platform's endorsement member to the evidence. */
    abstract void addEndorsement(ObjectNode evidence, HclReport hcl) throws AttesterException;

    @Override
    public final JsonNode evidence(byte[] reportData) throws AttesterException {
        HclReport hcl = vtpm.freshReport(reportData);
        if (hcl.reportType() != hclReportType()) {
            throw new AttesterException("the vTPM's HCL report is not " + hclReportName() + " one (type "
                    + hcl.reportType() + ")");
        }
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        evidence.put("version", 2);
        evidence.set("tpm_quote", vtpm.quote(reportData));
        evidence.put("hcl_report", PADDED_URL.encodeToString(hcl.bytes()));
        addEndorsement(evidence, hcl);
        return evidence;
    }

    @Override
    public final InitDataBinding bindInitData(byte[] digest) throws AttesterException {
        TpmPcrRegister.extendInitData(vtpm.tpm(), digest);
        return InitDataBinding.extended("init-data digest extended into vTPM PCR 8 (SHA-256 bank)");
    }

    @Override
    public final Optional<MeasurementRegister> measurementRegister() {
        return Optional.of(new TpmPcrRegister(vtpm.tpm(), "vTPM PCR (SHA-256 bank)"));
    }
}
