package dev.arca.attestation.verifier.azure;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.attestation.verifier.intel.IntelDcap;
import dev.arca.attestation.verifier.tpm.TpmRefusals;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.dcap.quote.TdReport;
import dev.arca.model.tee.Tee;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.azure.AzureVtpmQuote;
import dev.arca.tpm.azure.HclReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure confidential VM with vTPM on TDX (Trustee az_tdx_vtpm verifier). The chain: the TPM quote is signed by the
 * HCL attestation key, whose JWK is in the HCL report's variable data; SHA-256(variable data) is the TD quote's
 * report_data[0:32] (and the TDREPORT's inside the HCL report); the TD quote is verified by intel-dcap exactly as the
 * {@code tdx} verifier does (signatures, PCK chain, collateral, TCB). The runtime data is bound by the TPM quote's
 * nonce (and, from evidence v2, the HCL user-data), init-data by PCR8. The claims are the tdx verifier's plus
 * {@code tpm.pcrNN}, with {@code report_data} and {@code init_data} from the vTPM.
 */
@Component
public class AzTdxVtpmVerifier implements Verifier {

    private final IntelDcap dcap;

    public AzTdxVtpmVerifier(IntelDcap dcap) {
        this.dcap = dcap;
    }

    @Override
    public Tee tee() {
        return Tee.AZ_TDX_VTPM;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        AzureEvidenceJson azure = AzureEvidenceJson.parse(evidence, "az-tdx-vtpm", "td_quote", "tpm_quote",
                "hcl_report");
        AzureVtpmQuote vtpm;
        try {
            vtpm = AzureVtpmQuote.verify(azure.vtpm(), expectedReportData, expectedInitDataDigest);
            if (vtpm.hcl().reportType() != HclReport.TYPE_TDX) {
                throw VerificationException.malformed("az-tdx-vtpm evidence carries an HCL report of type "
                        + vtpm.hcl().reportType() + ", not TDX (4)");
            }
            TdReport td = tdReport(azure.platform());
            vtpm.hcl().requireBoundBy(td.reportData(), "the TD quote's");
            vtpm.hcl().requireBoundBy(vtpm.hcl().hardwareReportData(), "the HCL report's TDREPORT");
        } catch (TpmVerificationException e) {
            throw TpmRefusals.translate(e, "Azure vTPM");
        }
        ObjectNode claims = dcap.verifyTdx(azure.platform(), Optional.empty(), Optional.empty(), Optional.empty(),
                verificationTime);
        return List.of(new DeviceClaims(VtpmClaims.extend(claims, vtpm), Tee.AZ_TDX_VTPM.deviceClass()));
    }

    private static TdReport tdReport(byte[] quote) throws VerificationException {
        try {
            Quote parsed = QuoteParser.parse(quote);
            return parsed.tdReport().orElseThrow(() -> VerificationException.malformed(
                    "az-tdx-vtpm evidence 'td_quote' is not a TD quote (v4/v5)"));
        } catch (DcapVerificationException e) {
            throw VerificationException.malformed("az-tdx-vtpm evidence 'td_quote' is malformed: " + e.getMessage());
        }
    }
}
