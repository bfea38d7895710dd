package dev.arca.tpm.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.TpmVerificationException.Reason;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.quote.InitDataPcr;
import dev.arca.tpm.quote.TpmtSignature;
import dev.arca.tpm.testkeys.TestAk;
import dev.arca.tpm.testkeys.TestHclReport;
import dev.arca.tpm.testkeys.TestQuote;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The vTPM half of Azure confidential VM evidence: HCL report, AK, TPM quote, nonce, PCRs, user-data, init-data. */
class AzureVtpmQuoteTest {

    private static final TestAk AK = TestAk.rsa();
    private static final byte[] REPORT_DATA = TcgAlgorithm.SHA384.digest("runtime".getBytes()).orElseThrow();
    private static final List<Integer> ALL = IntStream.range(0, 24).boxed().toList();

    /** Evidence as Arca's agent makes it (version 2: the user-data carries the report data). */
    static AzureVtpmEvidence evidence(int type, byte[] reportData, List<byte[]> pcrs, int version) {
        byte[] hcl = new TestHclReport(type, (RSAPublicKey) AK.keys().getPublic()).userData(reportData).build();
        byte[] message = new TestQuote().nonce(reportData).select(TcgAlgorithm.SHA256, ALL, pcrs).build();
        return new AzureVtpmEvidence(version, message, AK.rawRsa(message, TpmtSignature.RSASSA, TcgAlgorithm.SHA256),
                pcrs, hcl);
    }

    static void refused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOf(TpmVerificationException.class)
                .extracting(e -> ((TpmVerificationException) e).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(ints = {TestHclReport.SNP, TestHclReport.TDX})
    void verifiesTheQuoteWithTheHclAkAndTheHardwareReportBindsTheVarData(int type) throws Exception {
        AzureVtpmEvidence evidence = evidence(type, REPORT_DATA, TestQuote.samplePcrs(TcgAlgorithm.SHA256), 2);
        AzureVtpmQuote verified = AzureVtpmQuote.verify(evidence, Optional.of(REPORT_DATA), Optional.empty());
        assertThat(verified.hcl().reportType()).isEqualTo(type);
        assertThat(verified.pcrs().bank(TcgAlgorithm.SHA256)).hasSize(24);
        verified.hcl().requireBoundBy(verified.hcl().hardwareReportData(), "the hardware report's");
        byte[] other = verified.hcl().hardwareReportData();
        other[3] ^= 1;
        refused(() -> verified.hcl().requireBoundBy(other, "the hardware report's"), Reason.HCL_BINDING);
    }

    @Test
    void regionsAreRefusedWithTheirReason() {
        List<byte[]> pcrs = TestQuote.samplePcrs(TcgAlgorithm.SHA256);
        AzureVtpmEvidence good = evidence(TestHclReport.SNP, REPORT_DATA, pcrs, 2);
        byte[] signature = good.signature().clone();
        signature[0] ^= 1;
        refused(() -> AzureVtpmQuote.verify(new AzureVtpmEvidence(2, good.message(), signature, pcrs,
                good.hclReport()), Optional.of(REPORT_DATA), Optional.empty()), Reason.SIGNATURE);
        List<byte[]> flipped = new ArrayList<>(pcrs);
        byte[] pcr3 = flipped.get(3).clone();
        pcr3[31] ^= 1;
        flipped.set(3, pcr3);
        refused(() -> AzureVtpmQuote.verify(new AzureVtpmEvidence(2, good.message(), good.signature(), flipped,
                good.hclReport()), Optional.of(REPORT_DATA), Optional.empty()), Reason.PCR_DIGEST);
        byte[] reversed = REPORT_DATA.clone();
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = REPORT_DATA[REPORT_DATA.length - 1 - i];
        }
        refused(() -> AzureVtpmQuote.verify(good, Optional.of(reversed), Optional.empty()), Reason.NONCE_MISMATCH);
        refused(() -> AzureVtpmQuote.verify(new AzureVtpmEvidence(2, good.message(), good.signature(), pcrs,
                Arrays.copyOf(good.hclReport(), 1000)), Optional.empty(), Optional.empty()), Reason.FORMAT);
        byte[] notHcl = good.hclReport();
        notHcl[0] = 'X';
        refused(() -> AzureVtpmQuote.verify(new AzureVtpmEvidence(2, good.message(), good.signature(), pcrs, notHcl),
                Optional.empty(), Optional.empty()), Reason.FORMAT);
    }

    /**
     * Every byte the hardware report vouches for — the IGVM request data, the variable data (AK JWK, user-data) and
     * the report_data binding them — refused when flipped, with the reason of its region; never accepted.
     */
    @Test
    void aFlippedByteOfTheBoundHclRegionsIsRefused() {
        List<byte[]> pcrs = TestQuote.samplePcrs(TcgAlgorithm.SHA256);
        AzureVtpmEvidence good = evidence(TestHclReport.SNP, REPORT_DATA, pcrs, 2);
        byte[] hcl = good.hclReport();
        List<Integer> offsets = new ArrayList<>();
        IntStream.range(HclReport.HEADER + HclReport.SNP_REPORT_DATA, HclReport.HEADER + HclReport.SNP_REPORT_DATA + 32)
                .forEach(offsets::add);
        IntStream.range(HclReport.REQUEST_DATA + 8, hcl.length).forEach(offsets::add);
        for (int offset : offsets) {
            byte[] flipped = hcl.clone();
            flipped[offset] ^= 0x01;
            try {
                AzureVtpmQuote quote = AzureVtpmQuote.verify(new AzureVtpmEvidence(2, good.message(),
                        good.signature(), pcrs, flipped), Optional.of(REPORT_DATA), Optional.empty());
                quote.hcl().requireBoundBy(quote.hcl().hardwareReportData(), "the SNP report's");
                throw new AssertionError("HCL byte " + offset + " flipped was accepted");
            } catch (TpmVerificationException e) {
                assertThat(e.reason()).as("byte %d", offset)
                        .isIn(Reason.FORMAT, Reason.SIGNATURE, Reason.HCL_BINDING);
            }
        }
    }

    @Test
    void fromVersion2TheUserDataMustCarryTheReportData() throws Exception {
        List<byte[]> pcrs = TestQuote.samplePcrs(TcgAlgorithm.SHA256);
        byte[] hcl = new TestHclReport(TestHclReport.TDX, (RSAPublicKey) AK.keys().getPublic())
                .userData(Hex.parse("123abc")).build();
        byte[] message = new TestQuote().nonce(REPORT_DATA).select(TcgAlgorithm.SHA256, ALL, pcrs).build();
        byte[] signature = AK.rawRsa(message, TpmtSignature.RSASSA, TcgAlgorithm.SHA256);
        refused(() -> AzureVtpmQuote.verify(new AzureVtpmEvidence(2, message, signature, pcrs, hcl),
                Optional.of(REPORT_DATA), Optional.empty()), Reason.HCL_BINDING);
        AzureVtpmQuote.verify(new AzureVtpmEvidence(1, message, signature, pcrs, hcl), Optional.of(REPORT_DATA),
                Optional.empty());
    }

    @Test
    void initDataIsBoundByPcr8() throws Exception {
        byte[] initData = TcgAlgorithm.SHA256.digest("init".getBytes()).orElseThrow();
        List<byte[]> pcrs = new ArrayList<>(TestQuote.samplePcrs(TcgAlgorithm.SHA256));
        pcrs.set(8, InitDataPcr.expected(initData));
        AzureVtpmEvidence good = evidence(TestHclReport.SNP, REPORT_DATA, pcrs, 2);
        AzureVtpmQuote.verify(good, Optional.of(REPORT_DATA), Optional.of(initData));
        refused(() -> AzureVtpmQuote.verify(good, Optional.of(REPORT_DATA), Optional.of(new byte[32])),
                Reason.INIT_DATA_MISMATCH);
    }

    @Nested
    @RealEvidence
    class OnRealEvidence {

        private static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.US_ASCII);

        private static AzureVtpmEvidence standalone(String platform) {
            JsonNode quote = Json.tree(Corpus.text(platform + "/trustee_tpm-quote-v1.json"));
            List<byte[]> pcrs = new ArrayList<>();
            quote.get("pcrs").forEach(p -> pcrs.add(Hex.parse(p.stringValue())));
            return new AzureVtpmEvidence(1, Hex.parse(quote.get("message").stringValue()),
                    Hex.parse(quote.get("signature").stringValue()), pcrs,
                    Corpus.bytes(platform + "/trustee_hcl-report.bin"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"az-snp-vtpm", "az-tdx-vtpm"})
        void trusteesQuotesVerifyWithTheAkOfTheirHclReport(String platform) throws Exception {
            AzureVtpmQuote verified = AzureVtpmQuote.verify(standalone(platform), Optional.of(CHALLENGE),
                    Optional.empty());
            assertThat(verified.hcl().reportType())
                    .isEqualTo(platform.contains("snp") ? HclReport.TYPE_SNP : HclReport.TYPE_TDX);
            assertThat(verified.hcl().attestationKey().getModulus().bitLength()).isEqualTo(2048);
            assertThat(Hex.of(verified.pcrs().bank(TcgAlgorithm.SHA256).get(0))).isEqualTo(platform.contains("snp")
                    ? "f3a7e99a5f819a034386bce753a48a73cfdaa0bea0ecfc124bedbf5a8c4799be"
                    : "782b20b10f55cc46e2142cc2145d548698073e5beb82752c8d7f9279f0d8a273");
        }

        @Test
        void theSnpHclReportBindsItsVarDataAndAChangedVarDataByteBreaksIt() throws Exception {
            byte[] bytes = Corpus.bytes("az-snp-vtpm/trustee_hcl-report.bin");
            HclReport hcl = HclReport.parse(bytes);
            assertThat(hcl.variableData()).hasSize(1110);
            hcl.requireBoundBy(hcl.hardwareReportData(), "the SNP report's");
            bytes[0x6e0]++;
            HclReport changed = HclReport.parse(bytes);
            refused(() -> changed.requireBoundBy(changed.hardwareReportData(), "the SNP report's"),
                    Reason.HCL_BINDING);
        }

        @Test
        void theTdxHclReportBindsTheTdQuotesReportData() throws Exception {
            byte[] bytes = Corpus.bytes("az-tdx-vtpm/trustee_hcl-report.bin");
            byte[] quote = Corpus.bytes("az-tdx-vtpm/trustee_td-quote.bin");
            byte[] quoteReportData = Arrays.copyOfRange(quote, 48 + 520, 48 + 584);
            HclReport hcl = HclReport.parse(bytes);
            assertThat(Hex.of(hcl.variableDataSha256()))
                    .isEqualTo("9734504f161d104c74e3165c15f779b06a9bb40dfa71937817d7eee68e593839");
            hcl.requireBoundBy(quoteReportData, "the TD quote's");
            assertThat(hcl.hardwareReportData()).isEqualTo(quoteReportData); // the TDREPORT's equals the quote's
            bytes[0x880]++;
            HclReport changed = HclReport.parse(bytes);
            refused(() -> changed.requireBoundBy(quoteReportData, "the TD quote's"), Reason.HCL_BINDING);
        }

        @ParameterizedTest
        @ValueSource(strings = {"az-snp-vtpm", "az-tdx-vtpm"})
        void upstreamNegatives(String platform) {
            AzureVtpmEvidence good = standalone(platform);
            byte[] signature = good.signature().clone();
            signature[0] ^= 1;
            refused(() -> AzureVtpmQuote.verify(new AzureVtpmEvidence(1, good.message(), signature, good.pcrs(),
                    good.hclReport()), Optional.of(CHALLENGE), Optional.empty()), Reason.SIGNATURE);
            List<byte[]> pcrs = new ArrayList<>(good.pcrs());
            byte[] pcr0 = pcrs.getFirst().clone();
            pcr0[0] ^= 1;
            pcrs.set(0, pcr0);
            refused(() -> AzureVtpmQuote.verify(new AzureVtpmEvidence(1, good.message(), good.signature(), pcrs,
                    good.hclReport()), Optional.of(CHALLENGE), Optional.empty()), Reason.PCR_DIGEST);
            byte[] hcl = good.hclReport();
            hcl[0x540] = 0; // inside the AK JWK
            refused(() -> AzureVtpmQuote.verify(new AzureVtpmEvidence(1, good.message(), good.signature(),
                    good.pcrs(), hcl), Optional.of(CHALLENGE), Optional.empty()), Reason.FORMAT);
            byte[] reversed = "egnellahc".getBytes(StandardCharsets.US_ASCII);
            refused(() -> AzureVtpmQuote.verify(good, Optional.of(reversed), Optional.empty()), Reason.NONCE_MISMATCH);
        }
    }
}
