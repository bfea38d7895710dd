package dev.arca.tpm.azure;

import java.util.List;

/**
 * The TPM part of Azure vTPM evidence, in every version (Trustee az_snp_vtpm / az_tdx_vtpm {@code compat.rs}).
 *
 * @param version   0, 1 or 2; from version 2 the HCL user-data carries the report data
 * @param message   the TPMS_ATTEST
 * @param signature the bare RSASSA-PKCS1-v1_5 SHA-256 signature by the HCL attestation key
 * @param pcrs      the SHA-256 PCR values, PCR0 first
 * @param hclReport the HCL report
 */
public record AzureVtpmEvidence(int version, byte[] message, byte[] signature, List<byte[]> pcrs, byte[] hclReport) {

    public AzureVtpmEvidence {
        pcrs = pcrs.stream().map(byte[]::clone).toList();
        message = message.clone();
        signature = signature.clone();
        hclReport = hclReport.clone();
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] hclReport() {
        return hclReport.clone();
    }

    @Override
    public List<byte[]> pcrs() {
        return pcrs.stream().map(byte[]::clone).toList();
    }
}
