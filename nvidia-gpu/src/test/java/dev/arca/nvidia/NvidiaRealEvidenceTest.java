package dev.arca.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.nvidia.NvidiaVerificationException.Reason;
import dev.arca.nvidia.chain.DeviceCertificateChain;
import dev.arca.nvidia.spdm.OpaqueField;
import dev.arca.nvidia.spdm.SpdmReport;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The NVIDIA Hopper evidence of the real-evidence corpus (MANIFEST §10) and its upstream negatives. */
@RealEvidence
class NvidiaRealEvidenceTest {

    private static final Instant AT = Instant.parse("2026-11-26T00:00:00Z");
    private static final String NONCE = "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb";
    /** Upstream passes 48 bytes; the request carries their first 32 (the AS regularises report data to 32). */
    private static final String COCO_NONCE = "87d8e24ab336adafe228d49e83d745f6dba4ae505372b6a5704820856b343fec"
            + "e279b616efefc2aae21da80cf5581250";
    private static final GpuReportVerifier VERIFIER = GpuReportVerifier.trustingNvidia();

    private static byte[] hex(String file) {
        return Hex.parse(Corpus.text("nvidia/" + file).strip());
    }

    private static byte[] report() {
        return hex("trustee_hopperAttestationReport.txt");
    }

    private static byte[] chain(int number) {
        return Corpus.bytes("nvidia/trustee_hopper_cert_chain_case" + number + ".txt");
    }

    private static void refused(ThrowingCallable call, Reason reason, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(NvidiaVerificationException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void thePinnedFingerprintIsTheDeviceIdentityCaUpstreamShips() throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Corpus.bytes("nvidia/trustee_nvidia_device_root.pem")));
        assertThat(DeviceCertificateChain.fingerprint(root))
                .isEqualTo(GpuReportVerifier.NVIDIA_DEVICE_IDENTITY_CA_SHA256);
        assertThat(DeviceCertificateChain.fingerprint(DeviceCertificateChain.parse(chain(1)).root()))
                .isEqualTo(GpuReportVerifier.NVIDIA_DEVICE_IDENTITY_CA_SHA256);
    }

    @Test
    void theH100ReportVerifiesWithChainCase1AndGivesUpstreamsClaims() throws Exception {
        VerifiedGpuReport verified = VERIFIER.verify(report(), chain(1), Hex.parse(NONCE), AT);

        JsonNode expected = Json.tree(Corpus.text("nvidia/trustee_hopperAttestationReport-claims.txt"));
        Map<Integer, String> measurements = new TreeMap<>();
        expected.get("measurements").properties().forEach(e -> measurements.put(Integer.valueOf(e.getKey()),
                e.getValue().stringValue()));
        assertThat(verified.report().measurements()).isEqualTo(measurements);
        JsonNode config = expected.get("config");
        var opaque = verified.report().response().opaqueData();
        for (OpaqueField field : new OpaqueField[] {OpaqueField.DRIVER_VERSION, OpaqueField.VBIOS_VERSION,
            OpaqueField.FWID, OpaqueField.BOARD_ID, OpaqueField.CHIP_SKU, OpaqueField.CHIP_SKU_MOD,
            OpaqueField.PROJECT, OpaqueField.PROJECT_SKU, OpaqueField.PROJECT_SKU_MOD, OpaqueField.GPU_INFO,
            OpaqueField.CPR_INFO}) {
            assertThat(opaque.get(field)).as(field.claimName()).contains(config.get(field.claimName()).stringValue());
        }
        Map<Integer, Long> counts = new TreeMap<>();
        config.get("measurement_count").properties().forEach(e -> counts.put(Integer.valueOf(e.getKey()),
                e.getValue().longValue()));
        assertThat(opaque.get(OpaqueField.MEASUREMENT_COUNT)).contains(counts);
        // the claims file predates upstream's decoding of status bytes: it shows 0x55 as the character "U"
        assertThat(config.get("nvdec0_status").stringValue()).isEqualTo("U");
        assertThat(opaque.get(OpaqueField.NVDEC0_STATUS)).contains("disabled");
        assertThat(opaque.get(OpaqueField.PROTECTED_PCIE_STATUS)).contains("55");
        assertThat(verified.leafSubject()).contains("GH100 A01 GSP FMC LF");
    }

    @Test
    void theSignatureIsTheLast96BytesAndVerifiesWithUpstreamsSigningCertificate() throws Exception {
        byte[] report = report();
        SpdmReport parsed = SpdmReport.parse(report);
        assertThat(parsed.signature()).isEqualTo(Arrays.copyOfRange(report, report.length - 96, report.length));
        assertThat(DeviceCertificateChain.parse(chain(1)).leaf().getEncoded()).isEqualTo(DeviceCertificateChain
                .parse((Corpus.text("nvidia/trustee_hopper_signing_cert.pem").strip() + "\n" + new String(chain(1)))
                        .getBytes()).leaf().getEncoded());
    }

    @Test
    void theCocoReportWithItsTrailingByteVerifies() throws Exception {
        byte[] report = hex("trustee_hopper_coco_report1.txt");
        assertThat(report).hasSize(4130);
        VerifiedGpuReport verified = VERIFIER.verify(report, Corpus.bytes("nvidia/trustee_hopper_coco_certs1.txt"),
                Arrays.copyOf(Hex.parse(COCO_NONCE), 32), AT);
        assertThat(verified.report().signedBytes()).hasSize(4033);
    }

    @Test
    void chainCase2HoldsOnlyTheRoot() {
        refused(() -> VERIFIER.verify(report(), chain(2), Hex.parse(NONCE), AT), Reason.CHAIN,
                "at least the root CA and the signing certificate");
    }

    @Test
    void chainCase3LacksAnIntermediate() {
        refused(() -> VERIFIER.verify(report(), chain(3), Hex.parse(NONCE), AT), Reason.CHAIN, "does not validate");
    }

    @Test
    void chainCase4LacksTheSigningCertificate() {
        refused(() -> VERIFIER.verify(report(), chain(4), Hex.parse(NONCE), AT), Reason.FWID_MISMATCH,
                "no FWID extension");
    }

    @Test
    void anotherNonceIsRefused() {
        refused(() -> VERIFIER.verify(report(), chain(1), new byte[32], AT), Reason.NONCE_MISMATCH, NONCE);
    }

    /**
     * One flipped byte per region (offsets in the 4117-byte report): the request nonce and a measurement break the
     * signature; the opaque FWID no longer matches the leaf's (checked before the signature); the first opaque type
     * byte turns vbios_version into manufacturer_id, leaving no VBIOS version; a signature byte.
     */
    @ParameterizedTest
    @CsvSource({"10, SIGNATURE", "60, SIGNATURE", "3980, FWID_MISMATCH", "3599, FORMAT", "4100, SIGNATURE"})
    void aFlippedByteIsRefusedForItsRegion(int offset, Reason reason) {
        byte[] report = report();
        report[offset] ^= 0x01;
        refused(() -> VERIFIER.verify(report, chain(1), Hex.parse(NONCE), AT), reason, "");
    }
}
