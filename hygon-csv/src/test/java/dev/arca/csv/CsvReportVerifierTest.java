package dev.arca.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.csv.CsvVerificationException.Reason;
import dev.arca.csv.cert.HygonCertificateChain;
import dev.arca.csv.kds.HygonCertificateSource;
import dev.arca.csv.report.CsvReport;
import dev.arca.csv.testpki.SyntheticCcEventLog;
import dev.arca.csv.testpki.SyntheticCsvEvidence;
import dev.arca.csv.testpki.SyntheticCsvReport;
import dev.arca.csv.testpki.TestHygonPki;
import dev.arca.csv.testpki.TestHygonPki.Link;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Synthetic CSV evidence signed by a test Hygon PKI (HRK → HSK → CEK → PEK → report, SM2 keys made here): every
 * path of {@link CsvReportVerifier} and every refusal, in a fresh clone.
 */
class CsvReportVerifierTest {

    private static final TestHygonPki PKI = TestHygonPki.create();
    private static final byte[] NONCE = "runtime-data-digest".getBytes(StandardCharsets.US_ASCII);

    private static CsvReportVerifier verifier(TestHygonPki pki, HygonCertificateSource source) {
        return new CsvReportVerifier(new HygonCertificateChain(pki.hrkSha256()), source);
    }

    private static VerifiedCsvReport verify(TestHygonPki pki, ObjectNode json, Optional<byte[]> expected)
            throws CsvVerificationException {
        return verifier(pki, pki.source()).verify(CsvEvidenceJson.parse(json), expected);
    }

    private static Reason refusal(TestHygonPki pki, ObjectNode json) {
        try {
            verify(pki, json, Optional.of(NONCE));
            throw new AssertionError("accepted");
        } catch (CsvVerificationException e) {
            return e.reason();
        }
    }

    @Test
    void version1ReportIsVerifiedAndUnmasked() throws Exception {
        SyntheticCsvReport report = SyntheticCsvReport.v1().reportData(NONCE).policy(0x0001_0F45L);

        VerifiedCsvReport verified = verify(PKI, SyntheticCsvEvidence.json(PKI, report, true, null),
                Optional.of(NONCE));

        CsvReport parsed = verified.report();
        assertThat(parsed.version()).isEqualTo(1);
        assertThat(verified.chipId()).isEqualTo(TestHygonPki.CHIP_ID);
        // the PSP masks the fields with anonce; the verifier reads them unmasked
        assertThat(parsed.anonce()).isEqualTo(report.anonce()).isNotZero();
        assertThat(parsed.reportData()).isEqualTo(Arrays.copyOf(NONCE, 64));
        assertThat(parsed.measure()).isEqualTo(report.measure());
        assertThat(parsed.mnonce()).isEqualTo(report.mnonce());
        assertThat(parsed.vmId()).isEqualTo(report.vmId());
        assertThat(parsed.policy().value()).isEqualTo(0x0001_0F45L);
        assertThat(parsed.policy().nodbg()).isEqualTo(1);
        assertThat(parsed.policy().noks()).isZero();
        assertThat(parsed.policy().es()).isEqualTo(1);
        assertThat(parsed.policy().csv3()).isEqualTo(1);
        assertThat(parsed.policy().hskVersion()).isEqualTo(0xF);
        assertThat(parsed.policy().apiMajor()).isEqualTo(1);
        assertThat(parsed.sigUsage()).isEqualTo(0x1002);
        assertThat(parsed.sigAlgo()).isEqualTo(4);
        assertThat(verified.eventLog()).isEmpty();
    }

    @Test
    void version2ReportWithoutExpectedReportDataIsVerified() throws Exception {
        VerifiedCsvReport verified = verify(PKI, SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v2(), true, null),
                Optional.empty());

        assertThat(verified.report().reportData()).isEqualTo(new byte[64]);
    }

    @Test
    void version2ReportReplaysTheEventLogWithSm3() throws Exception {
        SyntheticCcEventLog log = SyntheticCcEventLog.typicalBoot();
        SyntheticCsvReport report = SyntheticCsvReport.v2().reportData(NONCE).rtmrsOf(log);

        VerifiedCsvReport verified = verify(PKI, SyntheticCsvEvidence.json(PKI, report, true, log.bytes()),
                Optional.of(NONCE));

        CsvReport parsed = verified.report();
        assertThat(parsed.version()).isEqualTo(2);
        assertThat(parsed.anonce()).isZero();
        assertThat(parsed.build()).isEqualTo(2337);
        assertThat(parsed.rtmrVersion()).isEqualTo(1);
        assertThat(parsed.rtmr(0)).isEqualTo(report.measure());
        assertThat(parsed.rtmr(3)).isEqualTo(log.rtmr(3)).isNotEqualTo(new byte[32]);
        assertThat(verified.eventLog()).hasValueSatisfying(l -> assertThat(l.events()).hasSize(5));
    }

    @Test
    void version2ReportWithoutEventLogIsVerified() throws Exception {
        VerifiedCsvReport verified = verify(PKI, SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v2(), true, null),
                Optional.of(new byte[0]));

        assertThat(verified.report().version()).isEqualTo(2);
        assertThat(verified.eventLog()).isEmpty();
    }

    @Test
    void eventLogThatDoesNotReplayToTheRtmrsIsRefused() {
        SyntheticCcEventLog log = SyntheticCcEventLog.typicalBoot();
        SyntheticCsvReport report = SyntheticCsvReport.v2().reportData(NONCE).rtmrsOf(log).rtmr(3, new byte[32]);

        assertThat(refusal(PKI, SyntheticCsvEvidence.json(PKI, report, true, log.bytes())))
                .isEqualTo(Reason.EVENT_LOG_MISMATCH);
        // the same log with one more measurement than the report has
        SyntheticCsvReport other = SyntheticCsvReport.v2().reportData(NONCE).rtmrsOf(log);
        byte[] longer = log.measure(4, SyntheticCcEventLog.EV_IPL, new byte[] {1}).bytes();
        assertThat(refusal(PKI, SyntheticCsvEvidence.json(PKI, other, true, longer)))
                .isEqualTo(Reason.EVENT_LOG_MISMATCH);
    }

    @Test
    void malformedEventLogIsRefusedAsFormat() {
        SyntheticCsvReport report = SyntheticCsvReport.v2().reportData(NONCE);

        assertThat(refusal(PKI, SyntheticCsvEvidence.json(PKI, report, true, new byte[] {1, 2, 3})))
                .isEqualTo(Reason.FORMAT);
    }

    @Test
    void hskAndCekAreFetchedByChipIdWhenTheEvidenceDoesNotCarryThem() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HygonCertificateSource counting = counting(PKI.source(), fetches);
        CsvReportVerifier verifier = verifier(PKI, counting);
        ObjectNode json = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1().reportData(NONCE), false, null);

        verifier.verify(CsvEvidenceJson.parse(json), Optional.of(NONCE));
        verifier.verify(CsvEvidenceJson.parse(json), Optional.of(NONCE));

        assertThat(fetches.get()).as("the source is asked each time; its cache is the AS collateral chain's")
                .isEqualTo(2);
    }

    @Test
    void unknownChipIsRefusedAsCertificatesUnavailable() {
        ObjectNode json = SyntheticCsvEvidence.json(SyntheticCsvReport.v1().magic(), 0,
                SyntheticCsvReport.v1().reportData(NONCE).page(PKI), null, null, PKI.pek(), "OTHERCHIP", null);

        assertThatThrownBy(() -> verify(PKI, json, Optional.of(NONCE)))
                .isInstanceOfSatisfying(CsvVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE);
                    assertThat(e.isUnknownToSource()).isTrue();
                });
    }

    @Test
    void kdsDownIsRefusedAsCertificatesUnavailable() {
        HygonCertificateSource down = new HygonCertificateSource() {
            @Override
            public byte[] hrk() throws CsvVerificationException {
                throw new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "Hygon KDS unreachable");
            }

            @Override
            public byte[] hskCek(String chipId) throws CsvVerificationException {
                throw new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "Hygon KDS unreachable");
            }
        };
        ObjectNode withoutHskCek = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1(), false, null);
        ObjectNode withHskCek = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1(), true, null);

        assertThatThrownBy(() -> verifier(PKI, down).verify(CsvEvidenceJson.parse(withoutHskCek), Optional.empty()))
                .isInstanceOfSatisfying(CsvVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE));
        // the HRK is not in the evidence: without a source, even a complete chain cannot be checked
        assertThatThrownBy(() -> verifier(PKI, down).verify(CsvEvidenceJson.parse(withHskCek), Optional.empty()))
                .isInstanceOfSatisfying(CsvVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE));
    }

    @Test
    void unusableHskCekFromTheSourceIsCertificatesUnavailable() {
        HygonCertificateSource trailing = new HygonCertificateSource() {
            @Override
            public byte[] hrk() {
                return PKI.hrk();
            }

            @Override
            public byte[] hskCek(String chipId) {
                return Arrays.copyOf(PKI.hskCek(), PKI.hskCek().length + 1);
            }
        };
        ObjectNode json = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1(), false, null);

        assertThatThrownBy(() -> verifier(PKI, trailing).verify(CsvEvidenceJson.parse(json), Optional.empty()))
                .isInstanceOfSatisfying(CsvVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATES_UNAVAILABLE));
    }

    @ParameterizedTest
    @CsvSource({"HRK, ROOT_KEY", "HSK, HSK_SIGNATURE", "CEK, CEK_SIGNATURE", "PEK, PEK_SIGNATURE",
            "REPORT, REPORT_SIGNATURE"})
    void chainBrokenAtEachLinkIsRefusedWithThatLink(Link link, Reason reason) {
        TestHygonPki broken = TestHygonPki.brokenAt(link);

        assertThat(refusal(broken, SyntheticCsvEvidence.json(broken, SyntheticCsvReport.v1().reportData(NONCE), true,
                null))).isEqualTo(reason);
        assertThat(refusal(broken, SyntheticCsvEvidence.json(broken, SyntheticCsvReport.v2().reportData(NONCE), false,
                null))).isEqualTo(reason);
    }

    @Test
    void certificatesOfAnotherPkiAreRefused() {
        TestHygonPki other = TestHygonPki.create();
        // the other PKI's HSK and CEK, with this PKI's PEK and report: the CEK did not sign the PEK
        ObjectNode json = SyntheticCsvEvidence.json(SyntheticCsvReport.v1().magic(), 0,
                SyntheticCsvReport.v1().reportData(NONCE).page(PKI), other.hsk(), other.cek(), PKI.pek(),
                TestHygonPki.CHIP_ID, null);

        assertThat(refusal(PKI, json)).isEqualTo(Reason.HSK_SIGNATURE);
        assertThat(refusal(other, json)).isEqualTo(Reason.PEK_SIGNATURE);
    }

    @Test
    void wrongHrkFingerprintIsRefused() {
        CsvReportVerifier pinnedElsewhere = new CsvReportVerifier(
                new HygonCertificateChain(HygonCertificateChain.HYGON_HRK_SHA256), PKI.source());
        ObjectNode json = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1(), true, null);

        assertThatThrownBy(() -> pinnedElsewhere.verify(CsvEvidenceJson.parse(json), Optional.empty()))
                .isInstanceOfSatisfying(CsvVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.ROOT_KEY);
                    assertThat(e.getMessage()).contains("not the pinned Hygon root key");
                });
    }

    @Test
    void wrongReportDataIsRefused() {
        ObjectNode json = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1().reportData(NONCE), true, null);

        assertThatThrownBy(() -> verify(PKI, json, Optional.of("another nonce".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOfSatisfying(CsvVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REPORT_DATA_MISMATCH));
    }

    @Test
    void longExpectedReportDataIsTruncatedTo64Bytes() throws Exception {
        byte[] long80 = new byte[80];
        Arrays.fill(long80, (byte) 7);
        ObjectNode json = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v2().reportData(long80), true, null);

        assertThat(verify(PKI, json, Optional.of(long80)).report().reportData()).isEqualTo(Arrays.copyOf(long80, 64));
    }

    @Test
    void everyByteFlipOverTheSignedVersion1ReportIsRefused() {
        SyntheticCsvReport report = SyntheticCsvReport.v1().reportData(NONCE);
        byte[] page = report.page(PKI);
        // bytes 0-179 are signed; sig usage and algo (180-187) must name the PEK and SM2; anonce (188-191) unmasks
        for (int i = 0; i < 336; i++) {
            byte[] flipped = page.clone();
            flipped[i] ^= 0x01;
            CsvEvidence json = evidence(report.magic(), 0, flipped, PKI.hsk(), PKI.cek(), PKI.pek());
            // another anonce unmasks sig usage and algo to something else than the PEK and SM2
            assertThat(refusalOrNull(json)).as("byte " + i).isEqualTo(Reason.REPORT_SIGNATURE);
        }
    }

    @Test
    void everyByteFlipOverTheSignedVersion2ReportIsRefused() {
        SyntheticCsvReport report = SyntheticCsvReport.v2().reportData(NONCE);
        byte[] page = report.page(PKI);
        for (int i = 0; i < 1024 + 144; i++) {
            byte[] flipped = page.clone();
            flipped[i] ^= (byte) 0x80;
            CsvEvidence json = evidence(report.magic(), 1, flipped, PKI.hsk(), PKI.cek(), PKI.pek());
            assertThat(refusalOrNull(json)).as("byte " + i).isEqualTo(Reason.REPORT_SIGNATURE);
        }
    }

    @Test
    void byteFlipsOverTheSignedPartOfEachCertificateAreRefused() {
        SyntheticCsvReport report = SyntheticCsvReport.v1().reportData(NONCE);
        byte[] page = report.page(PKI);
        // the signed body and the signature that vouches for it; the reserved tails and the PEK's owner (OCA) slot
        // are not read, as upstream does not read them
        for (int i = 0; i < 576 + 144; i += 3) {
            byte[] hsk = PKI.hsk();
            hsk[i] ^= 0x10;
            assertThat(refusalOrNull(evidence(report.magic(), 0, page, hsk, PKI.cek(), PKI.pek()))).as("HSK byte " + i).isIn(Reason.HSK_SIGNATURE, Reason.FORMAT);
        }
        for (int i = 0; i < 1044 + 8 + 144; i += 3) {
            byte[] cek = PKI.cek();
            cek[i] ^= 0x10;
            assertThat(refusalOrNull(evidence(report.magic(), 0, page, PKI.hsk(), cek, PKI.pek()))).as("CEK byte " + i).isIn(Reason.CEK_SIGNATURE, Reason.FORMAT);
            byte[] pek = PKI.pek();
            pek[i] ^= 0x10;
            assertThat(refusalOrNull(evidence(report.magic(), 0, page, PKI.hsk(), PKI.cek(), pek))).as("PEK byte " + i).isIn(Reason.PEK_SIGNATURE, Reason.FORMAT);
        }
    }

    @Test
    void version1ReportNeedsExpectedReportData() {
        // its anonce is not signed: only the report-data binding pins the mask, and with it every unmasked field
        ObjectNode json = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1(), true, null);

        assertThatThrownBy(() -> verify(PKI, json, Optional.empty()))
                .isInstanceOfSatisfying(CsvVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REPORT_DATA_MISMATCH);
                    assertThat(e.getMessage()).contains("anonce");
                });
    }

    @Test
    void unknownMagicOrFlagsAreRefusedAsFormat() {
        byte[] page = SyntheticCsvReport.v2().page(PKI);
        byte[] otherMagic = SyntheticCsvReport.EXT_MAGIC.clone();
        otherMagic[0] = 'B';

        assertThat(refusalOrNull(SyntheticCsvEvidence.json(otherMagic, 1, page, PKI.hsk(), PKI.cek(), PKI.pek(),
                TestHygonPki.CHIP_ID, null))).isEqualTo(Reason.FORMAT);
        assertThat(refusalOrNull(SyntheticCsvEvidence.json(SyntheticCsvReport.EXT_MAGIC, 2, page, PKI.hsk(),
                PKI.cek(), PKI.pek(), TestHygonPki.CHIP_ID, null))).isEqualTo(Reason.FORMAT);
        // a v2 page announced as v1 is read as v1 and does not verify
        assertThat(refusalOrNull(SyntheticCsvEvidence.json(SyntheticCsvReport.EXT_MAGIC, 0, page, PKI.hsk(),
                PKI.cek(), PKI.pek(), TestHygonPki.CHIP_ID, null))).isEqualTo(Reason.REPORT_SIGNATURE);
    }

    @Test
    void anyUnexpectedErrorRefusesTheEvidence() {
        HygonCertificateSource buggy = new HygonCertificateSource() {
            @Override
            public byte[] hrk() {
                throw new IllegalStateException("bug");
            }

            @Override
            public byte[] hskCek(String chipId) {
                return null;
            }
        };
        ObjectNode json = SyntheticCsvEvidence.json(PKI, SyntheticCsvReport.v1(), false, null);

        assertThatThrownBy(() -> verifier(PKI, buggy).verify(CsvEvidenceJson.parse(json), Optional.empty()))
                .isInstanceOfSatisfying(CsvVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED));
    }

    private static Reason refusalOrNull(ObjectNode json) {
        try {
            verify(PKI, json, Optional.of(NONCE));
            return null;
        } catch (CsvVerificationException e) {
            return e.reason();
        }
    }

    private static final CsvReportVerifier VERIFIER = verifier(PKI, PKI.source());

    /** Evidence as CsvEvidenceJson reads it, without the JSON round trip (the sweeps build a thousand). */
    private static CsvEvidence evidence(byte[] magic, long flags, byte[] page, byte[] hsk, byte[] cek, byte[] pek) {
        byte[] hskCek = Arrays.copyOf(hsk, hsk.length + cek.length);
        System.arraycopy(cek, 0, hskCek, hsk.length, cek.length);
        return new CsvEvidence(magic, flags, page, hskCek, pek, TestHygonPki.CHIP_ID, null);
    }

    private static Reason refusalOrNull(CsvEvidence evidence) {
        try {
            VERIFIER.verify(evidence, Optional.of(NONCE));
            return null;
        } catch (CsvVerificationException e) {
            return e.reason();
        }
    }

    private static HygonCertificateSource counting(HygonCertificateSource source, AtomicInteger fetches) {
        return new HygonCertificateSource() {
            @Override
            public byte[] hrk() throws CsvVerificationException {
                return source.hrk();
            }

            @Override
            public byte[] hskCek(String chipId) throws CsvVerificationException {
                fetches.incrementAndGet();
                return source.hskCek(chipId);
            }
        };
    }
}
