package dev.arca.tpm.azure;

import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.TpmVerificationException.Reason;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.quote.InitDataPcr;
import dev.arca.tpm.quote.PcrValues;
import dev.arca.tpm.quote.TpmQuote;
import dev.arca.tpm.quote.TpmsAttest;
import dev.arca.tpm.quote.TpmtSignature;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The vTPM half of an Azure confidential VM's evidence, verified (Trustee az_snp_vtpm {@code evaluate}, steps 1–3,
 * 5 and 8): the TPM quote is signed by the HCL attestation key (RSASSA-PKCS1-v1_5, SHA-256), its nonce is the
 * expected report data, its PCR values hash to its pcrDigest, from evidence version 2 the HCL user-data starts with
 * the report data, and PCR8 binds the init-data digest. What remains for the platform verifier is the hardware half:
 * the SNP report or TD quote verified, and its report_data binding the HCL variable data
 * ({@link HclReport#requireBoundBy}).
 *
 * @param hcl    the parsed HCL report
 * @param attest the quote's TPMS_ATTEST
 * @param pcrs   the attested SHA-256 PCRs
 */
public record AzureVtpmQuote(HclReport hcl, TpmsAttest attest, PcrValues pcrs) {

    /**
     * @param expectedReportData the report data the quote's nonce (and v2 user-data) must carry, when the caller gave
     *                           runtime data
     * @param expectedInitData   the init-data digest PCR8 must bind, when given
     * @throws TpmVerificationException with the reason of the region that is wrong
     */
    public static AzureVtpmQuote verify(AzureVtpmEvidence evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitData) throws TpmVerificationException {
        try {
            HclReport hcl = HclReport.parse(evidence.hclReport());
            TpmQuote quote = new TpmQuote(TpmsAttest.parse(evidence.message()),
                    TpmtSignature.rsassa(TcgAlgorithm.SHA256, evidence.signature()));
            quote.verifySignature(hcl.attestationKey());
            if (expectedReportData.isPresent()) {
                quote.requireNonce(expectedReportData.get());
            }
            PcrValues pcrs = quote.attestedPcrs(PcrValues.ofBank(TcgAlgorithm.SHA256, evidence.pcrs()));
            if (evidence.version() >= 2 && expectedReportData.isPresent()) {
                requireUserData(hcl, expectedReportData.get());
            }
            if (expectedInitData.isPresent()) {
                InitDataPcr.require(pcrs, expectedInitData.get());
            }
            return new AzureVtpmQuote(hcl, quote.attest(), pcrs);
        } catch (RuntimeException e) {
            throw new TpmVerificationException(Reason.UNEXPECTED, "the Azure vTPM evidence could not be verified", e);
        }
    }

    /** Evidence v2: the HCL user-data (hex) starts with the report data (Trustee {@code verify_user_data}). */
    private static void requireUserData(HclReport hcl, byte[] reportData) throws TpmVerificationException {
        byte[] userData = hcl.userData().orElseThrow(() -> new TpmVerificationException(Reason.HCL_BINDING,
                "evidence v2 needs the HCL user-data, which is missing"));
        if (userData.length < reportData.length
                || !MessageDigest.isEqual(Arrays.copyOf(userData, reportData.length), reportData)) {
            throw new TpmVerificationException(Reason.HCL_BINDING,
                    "the HCL user-data does not carry the expected report data");
        }
    }
}
