package dev.arca.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.cert.CsvCertificate;
import dev.arca.csv.cert.HygonCaCertificate;
import dev.arca.csv.cert.HygonCertificateChain;
import dev.arca.csv.cert.KeyUsage;
import dev.arca.csv.kds.HygonCertificateSource;
import dev.arca.csv.report.CsvReport;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trustee's CSV evidence and Hygon's root key (MANIFEST §11), read in place. Upstream's test verifies it with the
 * chip's HSK and CEK downloaded from Hygon's KDS; the evidence does not carry them and this machine cannot reach the
 * KDS, so here the HRK, the report's PEK signature and everything Arca reads from the report are checked, and the
 * full verification stops, as it must, where the HSK and CEK would be needed.
 */
@RealEvidence
class CsvRealEvidenceTest {

    private static CsvEvidence evidence() throws CsvVerificationException {
        return CsvEvidenceJson.parse(Json.tree(Corpus.text("csv/trustee_csv_evidence.json")));
    }

    private static byte[] hrk() {
        return Corpus.bytes("csv/trustee_hrk.cert");
    }

    @Test
    void hygonsRootKeyIsThePinnedOneAndSignsItself() throws Exception {
        HygonCaCertificate hrk = HygonCaCertificate.parse(hrk(), "the HRK");

        assertThat(Hex.of(hrk.sha256())).isEqualTo(HygonCertificateChain.HYGON_HRK_SHA256);
        assertThat(hrk.usage()).isEqualTo(KeyUsage.HRK);
        assertThat(new String(hrk.userId(), StandardCharsets.US_ASCII)).isEqualTo("HYGON-SSD-HRK");
        new HygonCertificateChain(HygonCertificateChain.HYGON_HRK_SHA256).requireRoot(hrk);
    }

    @Test
    void aFlippedHrkIsNotTheRoot() {
        byte[] flipped = hrk();
        flipped[600] ^= 1;
        HygonCertificateChain pinnedToFlipped = new HygonCertificateChain(sha256Hex(flipped));

        assertThatThrownBy(() -> new HygonCertificateChain(HygonCertificateChain.HYGON_HRK_SHA256)
                .requireRoot(HygonCaCertificate.parse(flipped, "the HRK")))
                .isInstanceOfSatisfying(CsvVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ROOT_KEY));
        // pinned to its own fingerprint, the flipped HRK still fails its self-signature
        assertThatThrownBy(() -> pinnedToFlipped.requireRoot(HygonCaCertificate.parse(flipped, "the HRK")))
                .isInstanceOfSatisfying(CsvVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.ROOT_KEY);
                    assertThat(e.getMessage()).contains("own signature");
                });
    }

    @Test
    void trusteesReportIsAVersion1ReportSignedByItsPek() throws Exception {
        CsvEvidence evidence = evidence();
        CsvReport report = CsvReport.parse(evidence.magic(), evidence.flags(), evidence.report());
        CsvCertificate pek = CsvCertificate.parse(evidence.pek(), "the PEK");

        HygonCertificateChain.requireReport(pek, report);

        assertThat(evidence.chipId()).isEqualTo("KPA64911240507");
        assertThat(evidence.hskCekIfPresent()).isEmpty();
        assertThat(pek.usage()).isEqualTo(KeyUsage.PEK);
        assertThat(pek.firmwareMajor()).isEqualTo(1);
        assertThat(pek.firmwareMinor()).isEqualTo(3);
        assertThat(report.version()).isEqualTo(1);
        assertThat(Hex.of(java.nio.ByteBuffer.allocate(4).putInt((int) report.anonce()).array()))
                .isEqualTo("5dc7d726");
        // unmasked as upstream's claims have them
        assertThat(report.reportData()).isEqualTo(new byte[64]);
        assertThat(Hex.of(report.measure()))
                .isEqualTo("ae2a2cf1f41a485fa37bf9ae92f678783c59fbc79de7b5d237743d58f5538034");
        assertThat(Hex.of(report.mnonce())).isEqualTo("ad998a845c45cf30944d1c285629e768");
        assertThat(report.policy().value()).isEqualTo(0x45);
        assertThat(report.policy().nodbg()).isEqualTo(1);
        assertThat(report.policy().es()).isEqualTo(1);
        assertThat(report.policy().csv3()).isEqualTo(1);
        assertThat(report.policy().noks()).isZero();
        assertThat(report.sigUsage()).isEqualTo(KeyUsage.PEK);
        assertThat(report.sigAlgo()).isEqualTo(KeyUsage.SM2_SA);
    }

    @Test
    void everyByteFlipOverTrusteesSignedReportIsRefused() throws Exception {
        CsvEvidence evidence = evidence();
        CsvCertificate pek = CsvCertificate.parse(evidence.pek(), "the PEK");
        for (int i = 0; i < 336; i++) {
            byte[] flipped = evidence.report().clone();
            flipped[i] ^= 0x01;
            CsvReport report = CsvReport.parse(evidence.magic(), evidence.flags(), flipped);
            assertThatThrownBy(() -> HygonCertificateChain.requireReport(pek, report)).as("byte " + i)
                    .isInstanceOfSatisfying(CsvVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.REPORT_SIGNATURE));
        }
    }

    @Test
    void withoutTheChipsHskAndCekTheEvidenceIsNotAccepted() throws Exception {
        HygonCertificateSource hrkOnly = new HygonCertificateSource() {
            @Override
            public byte[] hrk() {
                return CsvRealEvidenceTest.hrk();
            }

            @Override
            public byte[] hskCek(String chipId) throws CsvVerificationException {
                throw new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "Hygon KDS unreachable");
            }
        };
        CsvReportVerifier verifier = new CsvReportVerifier(
                new HygonCertificateChain(HygonCertificateChain.HYGON_HRK_SHA256), hrkOnly);

        assertThatThrownBy(() -> verifier.verify(evidence(), Optional.of(new byte[0])))
                .isInstanceOfSatisfying(CsvVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE));
    }

    @Test
    void aTrailingByteInTheReportIsRefused() {
        ObjectNode json = (ObjectNode) Json.tree(Corpus.text("csv/trustee_csv_evidence.json"));
        ((ArrayNode) json.get("attestation_report").get("data")).add(0);

        assertThatThrownBy(() -> CsvEvidenceJson.parse(json))
                .isInstanceOfSatisfying(CsvVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FORMAT);
                    assertThat(e.getMessage()).contains("attestation_report.data");
                });
    }

    @Test
    void trusteesEventLogIsACcEventLogWithAnSm3Bank() throws Exception {
        // the evidence of a version-1 report carries a log that upstream does not replay (only v2 has RTMRs)
        byte[] log = evidence().ccEventLog();

        assertThat(log).hasSize(77);
        assertThat(Arrays.copyOfRange(log, 0, 8)).isEqualTo(new byte[] {0, 0, 0, 0, 3, 0, 0, 0});
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return Hex.of(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
