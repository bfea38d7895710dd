package dev.arca.attestation.verifier.azure;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.attestation.verifier.snp.AmdSnp;
import dev.arca.attestation.verifier.tpm.TpmRefusals;
import dev.arca.model.tee.Tee;
import dev.arca.snp.CertTableEntry;
import dev.arca.snp.SnpExpectations;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationResult;
import dev.arca.snp.cert.Certificates;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.azure.AzureVtpmQuote;
import dev.arca.tpm.azure.HclReport;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Azure confidential VM with vTPM on SEV-SNP (Trustee az_snp_vtpm verifier). The chain: the TPM quote is signed by
 * the HCL attestation key (JWK in the HCL variable data); SHA-256(variable data) is the SNP report's report_data[0:32];
 * the SNP report is verified by the {@code snp} verifier's {@link AmdSnp} (VCEK from the evidence, chained to AMD's
 * pinned ARK through the ASK of the AS's AMD collateral chain; signature, chip id and reported TCB against the VCEK;
 * VMPL 0, where the HCL runs), with its translation of amd-snp's refusals. The runtime data is bound by the TPM quote's nonce (and, from evidence v2,
 * the HCL user-data), init-data by PCR8. The claims are upstream's, under {@code az-snp-vtpm}.
 */
@Component
public class AzSnpVtpmVerifier implements Verifier {

    private final AmdSnp snp;

    public AzSnpVtpmVerifier(AmdSnp snp) {
        this.snp = snp;
    }

    @Override
    public Tee tee() {
        return Tee.AZ_SNP_VTPM;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        AzureEvidenceJson azure = AzureEvidenceJson.parse(evidence, "az-snp-vtpm", "vcek", "quote", "report");
        AzureVtpmQuote vtpm;
        try {
            vtpm = AzureVtpmQuote.verify(azure.vtpm(), expectedReportData, expectedInitDataDigest);
            if (vtpm.hcl().reportType() != HclReport.TYPE_SNP) {
                throw VerificationException.malformed("az-snp-vtpm evidence carries an HCL report of type "
                        + vtpm.hcl().reportType() + ", not SNP (2)");
            }
            vtpm.hcl().requireBoundBy(vtpm.hcl().hardwareReportData(), "the SNP report's");
        } catch (TpmVerificationException e) {
            throw TpmRefusals.translate(e, "Azure vTPM");
        }
        // report data is the HCL's binding, checked above; the HCL requests its report at VMPL 0
        SnpVerificationResult result = snp.verify(vtpm.hcl().hardwareReport(),
                List.of(new CertTableEntry(CertTableEntry.Type.VCEK, vcekDer(azure.platform()))),
                new SnpExpectations(Optional.empty(), Optional.empty(), OptionalInt.of(0)), verificationTime);
        return List.of(new DeviceClaims(VtpmClaims.extend(AzSnpClaims.build(result), vtpm),
                Tee.AZ_SNP_VTPM.deviceClass()));
    }

    /** The VCEK: DER (v1/v2), or PEM text whose first certificate it is (v0). */
    private static byte[] vcekDer(byte[] vcek) throws VerificationException {
        try {
            return Certificates.all(vcek, "VCEK").getFirst().getEncoded();
        } catch (SnpVerificationException | CertificateEncodingException | java.util.NoSuchElementException e) {
            throw VerificationException.malformed("az-snp-vtpm evidence 'vcek' is not a certificate");
        }
    }
}
