package dev.arca.snp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.cert.Certificates;
import dev.arca.snp.claims.SnpClaims;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SNP reports inside the real Azure HCL reports of the vectors MANIFEST §6 (HCL bytes 32..32+1184), verified with
 * the VCEK the evidence carries, as the {@code az-snp-vtpm} verifier has amd-snp do.
 */
@RealEvidence
class AzureHclSnpReportsTest {

    private final SnpVerifier verifier = AmdVectors.verifier();

    private static List<CertTableEntry> vcek(byte[] der) {
        return List.of(new CertTableEntry(CertTableEntry.Type.VCEK, der));
    }

    private Reason refusal(byte[] report, List<CertTableEntry> table, Instant at) {
        try {
            verifier.verify(report, table, SnpExpectations.none(), at);
        } catch (SnpVerificationException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    private static int[] tcb(ObjectNode claims) {
        return SnpRealEvidenceTest.tcb(claims);
    }


    @Test
    void theV2ReportInsideTheComponentHclReportVerifiesWithItsVcekBundle() throws Exception {
        byte[] hcl = AmdVectors.bytes("az-snp-vtpm/trustee_hcl-report.bin");
        List<X509Certificate> bundle = Certificates.all(AmdVectors.bytes("az-snp-vtpm/trustee_vcek.pem"), "vcek");
        List<CertTableEntry> table = List.of(
                new CertTableEntry(CertTableEntry.Type.VCEK, bundle.get(0).getEncoded()),
                new CertTableEntry(CertTableEntry.Type.ASK, bundle.get(1).getEncoded()),
                new CertTableEntry(CertTableEntry.Type.ARK, bundle.get(2).getEncoded()));

        SnpVerificationResult result = verifier.verify(snpReport(hcl), table, SnpExpectations.none(),
                AmdVectors.PINNED);

        assertThat(result.report().version()).isEqualTo(2);
        ObjectNode claims = SnpClaims.build(result);
        assertThat(claims.get("measurement").stringValue()).isEqualTo("9ac48fcac8a2d88aeeff8d427ad4f2be0e3917c748a"
                + "18bdf52cc317e7fe20308b459d5ef1a12e0c22944eb386d17c315");
        assertThat(claims.get("chip_id").stringValue()).startsWith("19752a447db501a32ade46428a46e926");
        assertThat(tcb(claims)).containsExactly(3, 0, 8, 115);

        // upstream negative: hcl byte 0x1a6 = 0 (reported_tcb.snp of the embedded report): "SNP version mismatch"
        byte[] broken = hcl.clone();
        broken[0x1a6] = 0;
        assertThat(refusal(snpReport(broken), table, AmdVectors.PINNED)).isEqualTo(Reason.TCB_MISMATCH);
    }

    @Test
    void theEvidenceJsonsV0V1V2AndGenoa() throws Exception {
        check("az-snp-vtpm/trustee_evidence-v0.json", "6a063be9dd79f6371c842e480f8dc3b5", "66a5a7b4403a3006",
                new int[] {4, 0, 24, 219}, ProcessorGeneration.MILAN);
        check("az-snp-vtpm/trustee_evidence-v1.json", "6a063be9dd79f6371c842e480f8dc3b5", "66a5a7b4403a3006",
                new int[] {4, 0, 24, 219}, ProcessorGeneration.MILAN);
        check("az-snp-vtpm/trustee_evidence-v2.json", "5b0ce64ad1c1f6375dbda5f760b98526", "2e0e62a0e6f39bc4",
                null, ProcessorGeneration.MILAN);
        check("az-snp-vtpm/trustee_evidence-genoa.json", "f57dc09a507c6ecd82369bffb600f000", "0506ffba875e939c",
                new int[] {10, 0, 23, 84}, ProcessorGeneration.GENOA);
    }

    private void check(String file, String measurement, String chipId, int[] tcb, ProcessorGeneration generation)
            throws Exception {
        JsonNode evidence = Json.MAPPER.readTree(Corpus.text(file));
        byte[] hcl;
        byte[] vcekDer;
        if (evidence.has("report")) {
            hcl = new byte[evidence.get("report").size()];
            for (int i = 0; i < hcl.length; i++) {
                hcl[i] = (byte) evidence.get("report").get(i).intValue();
            }
            vcekDer = Certificates.all(evidence.get("vcek").stringValue().getBytes(), "vcek").getFirst()
                    .getEncoded();
        } else {
            hcl = AmdVectors.base64Url(evidence.get("hcl_report").stringValue());
            vcekDer = AmdVectors.base64Url(evidence.get("vcek").stringValue());
        }
        SnpVerificationResult result = verifier.verify(snpReport(hcl), vcek(vcekDer), new SnpExpectations(
                Optional.empty(), Optional.empty(), OptionalInt.of(0)), AmdVectors.PINNED);
        ObjectNode claims = SnpClaims.build(result);
        assertThat(result.generation()).as(file).isEqualTo(generation);
        assertThat(result.report().version()).as(file).isEqualTo(3);
        assertThat(claims.get("measurement").stringValue()).as(file).startsWith(measurement);
        assertThat(claims.get("chip_id").stringValue()).as(file).startsWith(chipId);
        if (tcb != null) {
            assertThat(tcb(claims)).as(file).containsExactly(tcb[0], tcb[1], tcb[2], tcb[3]);
        }
    }

    /** HCL report bytes 32..32+1184 hold the SNP report (MANIFEST §6). */
    private static byte[] snpReport(byte[] hcl) {
        return Arrays.copyOfRange(hcl, 32, 32 + 1184);
    }
}
