package dev.arca.dcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.collateral.RawCollateral;
import dev.arca.dcap.collateral.SignedJson;
import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.model.json.Hex;
import dev.arca.model.testing.RealEvidence;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Refusals through the facade: byte flips, truncations, bindings, event logs and the collateral negatives
 * of the real-evidence corpus (docs/testing.md).
 */
@RealEvidence
class DcapVerifierNegativeTest {

    private static DcapVerifier gotdx2023;
    private static DcapVerifier phalaTdx;
    private static DcapVerifier phalaSgx;
    private static DcapVerifier i9;

    @BeforeAll
    static void verifiers() throws Exception {
        gotdx2023 = DcapVerifier.forSource(Vectors.gotdx2023("gotdx_tcb_signing_chain_2018-2025.pem"));
        phalaTdx = DcapVerifier.forSource(CollateralSource.fixed(Vectors.bundle("phala_tdx_quote_collateral.json")));
        phalaSgx = DcapVerifier.forSource(CollateralSource.fixed(Vectors.bundle("phala_sgx_quote_collateral.json")));
        i9 = DcapVerifier.forSource(Vectors.i9(), CrlPolicy.CHECK_IF_PRESENT);
    }

    private static Reason reasonOf(ThrowingCall call) {
        try {
            call.run();
        } catch (DcapVerificationException e) {
            return e.reason();
        } catch (RuntimeException e) {
            fail("an unchecked exception escaped the verifier", e);
        }
        fail("the quote was accepted");
        return null;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws DcapVerificationException;
    }

    /** go-tdx-guest's TestNegativeVerification, end to end at its pinned instant. */
    @ParameterizedTest
    @CsvSource({"0x00, 3, FORMAT", "0x278, 0x10, FORMAT", "0x1343, 0x32, PCK_CHAIN", "0x1329, 0x32, PCK_CHAIN",
        "0xF5F, 0x32, PCK_CHAIN", "0xB77, 0x32, PCK_CHAIN", "0x1E, 0x32, SIGNATURE", "0x3C, 0x32, SIGNATURE"})
    void sapphireRapidsByteFlips(String offset, String value, Reason reason) {
        byte[] quote = Vectors.bytes("tdx/gotdx_tdx_prod_quote_SPR_E4.dat");
        quote[Integer.decode(offset)] = Integer.decode(value).byteValue();
        assertThat(reasonOf(() -> gotdx2023.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                Vectors.I7_AT))).isEqualTo(reason);
    }

    @Test
    void flipsInTheQuoteOfAnAcceptedCaseAreRefused() {
        int body = 48 + 100;
        int qeReport = 48 + 584 + 4 + 64 + 64 + 6 + 50;
        int pckLeaf = 48 + 584 + 4 + 64 + 64 + 6 + 384 + 64 + 2 + 32 + 6 + 600;
        assertThat(flipped("tdx/trustee_tdx_quote_4.dat", body)).isEqualTo(Reason.SIGNATURE);
        assertThat(flipped("tdx/trustee_tdx_quote_4.dat", qeReport)).isEqualTo(Reason.QE_SIGNATURE);
        assertThat(flipped("tdx/trustee_tdx_quote_4.dat", pckLeaf)).isEqualTo(Reason.PCK_CHAIN);
    }

    private static Reason flipped(String file, int offset) {
        byte[] quote = Vectors.bytes(file);
        quote[offset] ^= 0x04;
        return reasonOf(() -> gotdx2023.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                Vectors.I7_AT));
    }

    /** Truncated quotes at many lengths are FORMAT refusals, never an unchecked exception. */
    @Test
    void truncatedQuotesAreFormatErrors() {
        byte[] tdx = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        byte[] sgx = Vectors.bytes("sgx/phala_sgx_quote");
        for (int length = 0; length < tdx.length; length += 13) {
            byte[] cut = Arrays.copyOf(tdx, length);
            assertThat(reasonOf(() -> gotdx2023.verifyTdx(cut, Optional.empty(), Optional.empty(), Optional.empty(),
                    Vectors.I7_AT))).as("TDX quote cut to %d bytes", length).isEqualTo(Reason.FORMAT);
        }
        for (int length = 0; length < sgx.length; length += 11) {
            byte[] cut = Arrays.copyOf(sgx, length);
            assertThat(reasonOf(() -> phalaSgx.verifySgx(cut, Optional.empty(), Optional.empty(), Vectors.I1_AT)))
                    .as("SGX quote cut to %d bytes", length).isEqualTo(Reason.FORMAT);
        }
        assertThat(reasonOf(() -> phalaSgx.verifySgx(null, Optional.empty(), Optional.empty(), Vectors.I1_AT)))
                .isEqualTo(Reason.FORMAT);
    }

    @Test
    void theWrongTeeIsAFormatError() {
        assertThat(reasonOf(() -> phalaSgx.verifySgx(Vectors.bytes("tdx/phala_tdx_quote"), Optional.empty(),
                Optional.empty(), Vectors.I1_AT))).isEqualTo(Reason.FORMAT);
        assertThat(reasonOf(() -> phalaTdx.verifyTdx(Vectors.bytes("sgx/phala_sgx_quote"), Optional.empty(),
                Optional.empty(), Optional.empty(), Vectors.I2_AT))).isEqualTo(Reason.FORMAT);
    }

    /** regularize(expected, 64) == report_data; quote 6 ends in 16 zero bytes, so a 48-byte SHA-384 value binds. */
    @Test
    void reportDataIsRegularizedTo64Bytes() throws Exception {
        byte[] quote = Vectors.bytes("tdx/trustee_tdx_quote_6.dat");
        byte[] sha384 = Hex.parse("26cae1c77185617fb6a03fc29bf1f924596e52352b9b7594940b576ae126cd4a570cc3202a900c5d"
                + "19a6eb0a95b32cfd");
        byte[] mrConfigId = Hex.parse("889abf4718f037e38d74464c11e7c91a6e9890b5546409e1e7df9de7a51ca93152bf847bd24403"
                + "28e90adb18b150ed67");
        DcapVerificationResult result = i9.verifyTdx(quote, Optional.empty(), Optional.of(sha384),
                Optional.of(mrConfigId), Vectors.I9_AT);
        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(result.claims().get("init_data").stringValue()).isEqualTo(Hex.of(mrConfigId));

        byte[] other = sha384.clone();
        other[0] ^= 1;
        assertThat(reasonOf(() -> i9.verifyTdx(quote, Optional.empty(), Optional.of(other), Optional.empty(),
                Vectors.I9_AT))).isEqualTo(Reason.REPORT_DATA_MISMATCH);
        assertThat(reasonOf(() -> i9.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.of(other),
                Vectors.I9_AT))).isEqualTo(Reason.INIT_DATA_MISMATCH);
    }

    @Test
    void sgxBindsReportDataAndConfigId() throws Exception {
        byte[] quote = Vectors.bytes("sgx/phala_sgx_quote");
        byte[] hello = "Hello, world!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        phalaSgx.verifySgx(quote, Optional.of(hello), Optional.of(new byte[32]), Vectors.I1_AT);

        assertThat(reasonOf(() -> phalaSgx.verifySgx(quote, Optional.of("Hello, world?".getBytes()),
                Optional.empty(), Vectors.I1_AT))).isEqualTo(Reason.REPORT_DATA_MISMATCH);
        assertThat(reasonOf(() -> phalaSgx.verifySgx(quote, Optional.empty(), Optional.of(new byte[] {1}),
                Vectors.I1_AT))).isEqualTo(Reason.INIT_DATA_MISMATCH);
    }

    /** Trustee's CCEL_data test log does not replay to quote 4's RTMRs. */
    @Test
    void anEventLogThatDoesNotReplayToTheQuoteIsRefused() {
        assertThat(reasonOf(() -> gotdx2023.verifyTdx(Vectors.bytes("tdx/trustee_tdx_quote_4.dat"),
                Optional.of(Vectors.bytes("eventlog/trustee_CCEL_data")), Optional.empty(), Optional.empty(),
                Vectors.I7_AT))).isEqualTo(Reason.EVENT_LOG_MISMATCH);
        assertThat(reasonOf(() -> gotdx2023.verifyTdx(Vectors.bytes("tdx/trustee_tdx_quote_4.dat"),
                Optional.of(new byte[64]), Optional.empty(), Optional.empty(), Vectors.I7_AT)))
                .isEqualTo(Reason.FORMAT);
    }

    /** The cos-113 quote replays its log but has no TCB Info for FMSPC 00806F050000 in the corpus. */
    @Test
    void aMatchingEventLogPassesUntilCollateralIsMissing() {
        DcapVerificationException refused = org.junit.jupiter.api.Assertions.assertThrows(
                DcapVerificationException.class, () -> gotdx2023.verifyTdx(
                        Vectors.bytes("tdx/gotdx_cos-113-tdx-quote.dat"),
                        Optional.of(Vectors.bytes("eventlog/gotdx_ccel_data.dat")), Optional.of(new byte[64]),
                        Optional.empty(), Vectors.I9_AT));
        assertThat(refused.reason()).isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
        assertThat(refused.getMessage()).contains("00806F050000");
    }

    /** The Occlum quote verifies up to collateral: the corpus has no TCB Info for FMSPC 00606A000000. */
    @Test
    void theOcclumQuoteLacksCollateral() throws Exception {
        DcapVerifier offline = DcapVerifier.forSource(dev.arca.dcap.collateral.OfflineCollateralSource.builder()
                .bundle(Vectors.bundle("phala_sgx_quote_collateral.json")).build());
        DcapVerificationException refused = org.junit.jupiter.api.Assertions.assertThrows(
                DcapVerificationException.class, () -> offline.verifySgx(Vectors.bytes("sgx/trustee_occlum_quote.dat"),
                        Optional.of("test".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), Optional.empty(),
                        Vectors.I1_AT));
        assertThat(refused.reason()).isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
        assertThat(refused.getMessage()).contains("00606A000000");
    }

    @Test
    void anEmptyEventLogIsIgnored() throws Exception {
        DcapVerificationResult result = phalaTdx.verifyTdx(Vectors.bytes("tdx/phala_tdx_quote"),
                Optional.of(new byte[0]), Optional.empty(), Optional.empty(), Vectors.I2_AT);
        assertThat(result.claims().has("uefi_event_logs")).isFalse();
    }

    /** A quote paired with another FMSPC's TCB Info: I2's quote with the I9 TCB Info. */
    @Test
    void fmspcMismatch() throws Exception {
        RawCollateral phala = Vectors.bundle("phala_tdx_quote_collateral.json");
        SignedJson i9TcbInfo = Vectors.tcbInfoResponse("trustee_tcbInfo.json", "phala_tcb_signing_chain_2025-2032.pem");
        DcapVerifier verifier = DcapVerifier.forSource(CollateralSource.fixed(new RawCollateral(i9TcbInfo,
                phala.qeIdentity(), phala.pckCrl(), phala.pckCrlIssuerChain(), phala.rootCaCrl())));
        DcapVerificationException refused = org.junit.jupiter.api.Assertions.assertThrows(
                DcapVerificationException.class, () -> verifier.verifyTdx(Vectors.bytes("tdx/phala_tdx_quote"),
                        Optional.empty(), Optional.empty(), Optional.empty(), Vectors.I2_AT));
        assertThat(refused.reason()).isEqualTo(Reason.COLLATERAL_MISMATCH);
        assertThat(refused.getMessage()).contains("FMSPC");
    }

    /** An SGX TCB Info with a TDX quote, and a QE identity with a TDX quote. */
    @Test
    void teeAndQeIdentityMismatch() throws Exception {
        RawCollateral tdx = Vectors.bundle("phala_tdx_quote_collateral.json");
        RawCollateral sgx = Vectors.bundle("phala_sgx_quote_collateral.json");
        DcapVerifier sgxTcbInfo = DcapVerifier.forSource(CollateralSource.fixed(new RawCollateral(sgx.tcbInfo(),
                tdx.qeIdentity(), tdx.pckCrl(), tdx.pckCrlIssuerChain(), tdx.rootCaCrl())));
        DcapVerifier sgxQe = DcapVerifier.forSource(CollateralSource.fixed(new RawCollateral(tdx.tcbInfo(),
                sgx.qeIdentity(), tdx.pckCrl(), tdx.pckCrlIssuerChain(), tdx.rootCaCrl())));
        byte[] quote = Vectors.bytes("tdx/phala_tdx_quote");

        DcapVerificationException tee = org.junit.jupiter.api.Assertions.assertThrows(DcapVerificationException.class,
                () -> sgxTcbInfo.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(), Vectors.I2_AT));
        assertThat(tee.reason()).isEqualTo(Reason.COLLATERAL_MISMATCH);
        assertThat(tee.getMessage()).contains("TCB Info is for SGX");
        DcapVerificationException qe = org.junit.jupiter.api.Assertions.assertThrows(DcapVerificationException.class,
                () -> sgxQe.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(), Vectors.I2_AT));
        assertThat(qe.reason()).isEqualTo(Reason.COLLATERAL_MISMATCH);
        assertThat(qe.getMessage()).contains("'QE'");
    }

    /** One byte flipped inside the signed tcbInfo text. */
    @Test
    void aFlippedByteInTheSignedTcbInfoIsRefused() throws Exception {
        RawCollateral phala = Vectors.bundle("phala_tdx_quote_collateral.json");
        byte[] text = phala.tcbInfo().signedBytes().clone();
        int digit = new String(text, java.nio.charset.StandardCharsets.US_ASCII).indexOf("\"pcesvn\":11") + 10;
        text[digit] = '2';
        RawCollateral forged = new RawCollateral(new SignedJson(text, phala.tcbInfo().signature(),
                phala.tcbInfo().issuerChain()), phala.qeIdentity(), phala.pckCrl(), phala.pckCrlIssuerChain(),
                phala.rootCaCrl());
        DcapVerificationException refused = org.junit.jupiter.api.Assertions.assertThrows(
                DcapVerificationException.class, () -> DcapVerifier.forSource(CollateralSource.fixed(forged))
                        .verifyTdx(Vectors.bytes("tdx/phala_tdx_quote"), Optional.empty(), Optional.empty(),
                                Optional.empty(), Vectors.I2_AT));
        assertThat(refused.reason()).isEqualTo(Reason.COLLATERAL_INVALID);
        assertThat(refused.getMessage()).contains("TCB Info signature");
    }

    /** Expired collateral at any instant outside the window; the QE Identity is checked as well as the TCB Info. */
    @Test
    void collateralOutsideItsWindowIsRefused() {
        assertThatThrownBy(() -> phalaSgx.verifySgx(Vectors.bytes("sgx/phala_sgx_quote"), Optional.empty(),
                Optional.empty(), java.time.Instant.parse("2025-07-19T10:30:00Z")))
                .isInstanceOf(CollateralExpiredException.class)
                .hasMessageContaining("QE Identity expired at 2025-07-19T10:01:18Z");
        assertThat(reasonOf(() -> phalaSgx.verifySgx(Vectors.bytes("sgx/phala_sgx_quote"), Optional.empty(),
                Optional.empty(), java.time.Instant.parse("2025-06-19T10:00:00Z"))))
                .isEqualTo(Reason.COLLATERAL_INVALID);
    }
}
