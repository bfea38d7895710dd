package dev.arca.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.nvidia.NvidiaVerificationException.Reason;
import dev.arca.nvidia.spdm.OpaqueField;
import dev.arca.nvidia.testpki.SyntheticReport;
import dev.arca.nvidia.testpki.TestDevicePki;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every path of the verifier on evidence signed by a test PKI, so a fresh clone covers what the real vectors do. */
class GpuReportVerifierTest {

    private static final TestDevicePki PKI = TestDevicePki.forFirmware("gsp fmc 1");
    private static final byte[] NONCE = SyntheticReport.filled(32, 0xA7);
    private final GpuReportVerifier verifier = new GpuReportVerifier(Set.of(PKI.rootFingerprint()));

    private static byte[] report() {
        return SyntheticReport.typical(PKI, NONCE).signedBy(PKI.leafKey());
    }

    private static void refused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(NvidiaVerificationException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    @Test
    void aReportSignedByTheLeafOfAPinnedChainVerifiesAndYieldsItsMeasurementsAndOpaqueFields() throws Exception {
        VerifiedGpuReport verified = verifier.verify(report(), PKI.chainPem(), NONCE, TestDevicePki.AT);

        assertThat(verified.report().measurements()).containsOnlyKeys(1, 2);
        assertThat(verified.report().measurements().get(2)).isEqualTo("22".repeat(48));
        assertThat(verified.report().response().opaqueData().get(OpaqueField.DRIVER_VERSION)).contains("550.90.07");
        assertThat(verified.report().response().opaqueData().get(OpaqueField.VBIOS_VERSION))
                .contains("96.00.9f.00.01");
        assertThat(verified.leafSubject()).contains("Test GSP FMC LF");
    }

    @Test
    void bytesAfterTheSignatureAreIgnoredAsInRealCocoEvidence() throws Exception {
        byte[] report = report();
        byte[] padded = Arrays.copyOf(report, report.length + 1);

        assertThat(verifier.verify(padded, PKI.chainPem(), NONCE, TestDevicePki.AT).report().signature())
                .isEqualTo(Arrays.copyOfRange(report, report.length - 96, report.length));
    }

    @Test
    void anotherNonceIsRefused() {
        refused(() -> verifier.verify(report(), PKI.chainPem(), SyntheticReport.filled(32, 1), TestDevicePki.AT),
                Reason.NONCE_MISMATCH);
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        byte[] forged = SyntheticReport.typical(PKI, NONCE).signedBy(TestDevicePki.forFirmware("gsp fmc 1").leafKey());
        refused(() -> verifier.verify(forged, PKI.chainPem(), NONCE, TestDevicePki.AT), Reason.SIGNATURE);
    }

    @Test
    void aFlippedMeasurementByteBreaksTheSignature() {
        byte[] report = report();
        report[37 + 8 + 10] ^= 0x01;
        refused(() -> verifier.verify(report, PKI.chainPem(), NONCE, TestDevicePki.AT), Reason.SIGNATURE);
    }

    @Test
    void aFlippedSignatureByteIsRefused() {
        byte[] report = report();
        report[report.length - 1] ^= 0x01;
        refused(() -> verifier.verify(report, PKI.chainPem(), NONCE, TestDevicePki.AT), Reason.SIGNATURE);
    }

    @Test
    void aReportWhoseFwidIsNotTheLeafsIsRefused() {
        byte[] report = SyntheticReport.typical(TestDevicePki.forFirmware("other firmware"), NONCE)
                .signedBy(PKI.leafKey());
        refused(() -> verifier.verify(report, PKI.chainPem(), NONCE, TestDevicePki.AT), Reason.FWID_MISMATCH);
    }

    @Test
    void aReportWithoutFwidIsRefused() {
        SyntheticReport withoutFwid = new SyntheticReport().nonce(NONCE).measurement(1, new byte[48])
                .opaque(3, "550.90.07".getBytes()).opaque(6, SyntheticReport.VBIOS);
        refused(() -> verifier.verify(withoutFwid.signedBy(PKI.leafKey()), PKI.chainPem(), NONCE, TestDevicePki.AT),
                Reason.FWID_MISMATCH);
    }

    @Test
    void aChainWithoutItsSigningLeafIsRefusedForTheMissingFwid() {
        byte[] chain = TestDevicePki.pem(List.of(PKI.intermediate(), PKI.root()));
        refused(() -> verifier.verify(report(), chain, NONCE, TestDevicePki.AT), Reason.FWID_MISMATCH);
    }

    @Test
    void aChainMissingAnIntermediateIsRefused() {
        byte[] chain = TestDevicePki.pem(List.of(PKI.leaf(), PKI.root()));
        refused(() -> verifier.verify(report(), chain, NONCE, TestDevicePki.AT), Reason.CHAIN);
    }

    @Test
    void theRootAloneIsRefused() {
        byte[] chain = TestDevicePki.pem(List.of(PKI.root()));
        refused(() -> verifier.verify(report(), chain, NONCE, TestDevicePki.AT), Reason.CHAIN);
    }

    @Test
    void aChainUnderAnUnpinnedRootIsRefused() {
        GpuReportVerifier nvidiaOnly = GpuReportVerifier.trustingNvidia();
        refused(() -> nvidiaOnly.verify(report(), PKI.chainPem(), NONCE, TestDevicePki.AT), Reason.CHAIN);
    }

    @Test
    void aChainOutsideItsValidityIsRefused() {
        refused(() -> verifier.verify(report(), PKI.chainPem(), NONCE, TestDevicePki.NOT_AFTER.plusSeconds(1)),
                Reason.CHAIN);
    }

    @Test
    void aRememberedChainIsStillRefusedOutsideItsValidity() throws Exception {
        verifier.verify(report(), PKI.chainPem(), NONCE, TestDevicePki.AT);
        assertThat(verifier.verify(report(), PKI.chainPem(), NONCE, TestDevicePki.AT.plusSeconds(60)).leafSubject())
                .contains("Test GSP FMC LF");
        refused(() -> verifier.verify(report(), PKI.chainPem(), NONCE, TestDevicePki.NOT_AFTER.plusSeconds(1)),
                Reason.CHAIN);
        refused(() -> verifier.verify(report(), PKI.chainPem(), NONCE, TestDevicePki.NOT_BEFORE.minusSeconds(1)),
                Reason.CHAIN);
    }

    @Test
    void aRememberedChainDoesNotVouchForAReportSignedByAnotherKey() throws Exception {
        verifier.verify(report(), PKI.chainPem(), NONCE, TestDevicePki.AT);
        byte[] forged = SyntheticReport.typical(PKI, NONCE).signedBy(TestDevicePki.forFirmware("x").leafKey());
        refused(() -> verifier.verify(forged, PKI.chainPem(), NONCE, TestDevicePki.AT), Reason.SIGNATURE);
    }

    @Test
    void aChainThatIsNotPemIsRefused() {
        refused(() -> verifier.verify(report(), "not a certificate".getBytes(), NONCE, TestDevicePki.AT),
                Reason.CHAIN);
    }

    @Test
    void aTruncatedReportIsRefusedAsMalformed() {
        byte[] report = Arrays.copyOf(report(), report().length - 97);
        refused(() -> verifier.verify(report, PKI.chainPem(), NONCE, TestDevicePki.AT), Reason.FORMAT);
    }

    @Test
    void aVerifierWithoutPinsCannotBeBuilt() {
        assertThatThrownBy(() -> new GpuReportVerifier(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
