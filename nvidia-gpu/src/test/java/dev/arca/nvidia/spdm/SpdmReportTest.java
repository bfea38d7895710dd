package dev.arca.nvidia.spdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.nvidia.NvidiaVerificationException;
import dev.arca.nvidia.NvidiaVerificationException.Reason;
import dev.arca.nvidia.testpki.SyntheticReport;
import dev.arca.nvidia.testpki.TestDevicePki;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPDM GET_MEASUREMENTS request‖response parser and the rendering of NVIDIA's opaque fields. */
class SpdmReportTest {

    private static final TestDevicePki PKI = TestDevicePki.forFirmware("parser");
    private static final byte[] NONCE = SyntheticReport.filled(32, 0x42);

    private static SyntheticReport minimal() {
        return new SyntheticReport().nonce(NONCE).measurement(7, SyntheticReport.filled(48, 7))
                .opaque(3, "535.1\0\0".getBytes(StandardCharsets.US_ASCII)).opaque(6, SyntheticReport.VBIOS);
    }

    private static byte[] signed(SyntheticReport report) {
        return report.signedBy(PKI.leafKey());
    }

    private static void malformed(byte[] report, String message) {
        assertThatThrownBy(() -> SpdmReport.parse(report)).isInstanceOfSatisfying(NvidiaVerificationException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FORMAT);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void readsRequestResponseAndSignatureBoundaries() throws Exception {
        byte[] bytes = signed(SyntheticReport.typical(PKI, NONCE));
        SpdmReport report = SpdmReport.parse(bytes);

        assertThat(report.request().nonce()).isEqualTo(NONCE);
        assertThat(report.request().measurementOperation()).isEqualTo(0xFF);
        assertThat(report.response().blocks()).extracting(MeasurementBlock::index).containsExactly(1, 2);
        assertThat(report.signedBytes()).isEqualTo(Arrays.copyOf(bytes, bytes.length - 96));
        assertThat(report.signature()).hasSize(96);
        assertThat(report.response().responderNonce()).isEqualTo(SyntheticReport.filled(32, 0x5a));
    }

    @Test
    void rendersOpaqueFieldsAsUpstreamNamesAndFormatsThem() throws Exception {
        byte[] bytes = signed(minimal().opaque(11, new byte[] {(byte) 0xAA}).opaque(12, new byte[] {3, 0, 0, 0, 0, 1,
            0, 0}).opaque(22, SyntheticReport.filled(16, 1)).opaque(34, new byte[] {2, 1}).opaque(36, new byte[] {2})
                .opaque(14, new byte[] {(byte) 0xb1, 3, 0, 0}).opaque(17, "1010".getBytes(StandardCharsets.US_ASCII)));
        OpaqueData opaque = SpdmReport.parse(bytes).response().opaqueData();

        assertThat(opaque.get(OpaqueField.DRIVER_VERSION)).contains("535.1");
        assertThat(opaque.get(OpaqueField.VBIOS_VERSION)).contains("96.00.9f.00.01");
        assertThat(opaque.get(OpaqueField.NVDEC0_STATUS)).contains("enabled");
        assertThat(opaque.get(OpaqueField.MEASUREMENT_COUNT)).contains(Map.of(1, 3L, 2, 256L));
        assertThat(opaque.get(OpaqueField.SWITCH_PDI)).contains(List.of("0101010101010101", "0101010101010101"));
        assertThat(opaque.get(OpaqueField.OPAQUE_DATA_VERSION)).contains(258L);
        assertThat(opaque.get(OpaqueField.FEATURE_FLAG)).contains("PPCIE");
        assertThat(opaque.get(OpaqueField.BOARD_ID)).contains("b1030000");
        assertThat(opaque.get(OpaqueField.PROJECT)).contains("1010");
        assertThat(opaque.fwid()).isEmpty();
    }

    @Test
    void refusesAnotherSpdmVersion() {
        malformed(signed(minimal().version(0x12)), "SPDM version 0x12");
    }

    @Test
    void refusesARequestThatAskedForNoSignature() {
        malformed(signed(minimal().unsignedRequest()), "did not ask for a signature");
    }

    @Test
    void refusesAReportThatIsNotAGetMeasurementsRequest() {
        byte[] bytes = signed(minimal());
        bytes[1] = (byte) 0x81;
        malformed(bytes, "GET_MEASUREMENTS request");
    }

    @Test
    void refusesAResponseThatIsNotMeasurements() {
        byte[] bytes = signed(minimal());
        bytes[38] = 0x7F;
        malformed(bytes, "MEASUREMENTS response");
    }

    @Test
    void refusesABlockOutsideTheDmtfLayout() {
        byte[] bytes = signed(minimal());
        bytes[37 + 8 + 1] = 0x02;
        malformed(bytes, "DMTF measurement layout");
    }

    @Test
    void refusesARecordLongerThanItsBlocks() {
        byte[] bytes = signed(minimal());
        bytes[37 + 4] = 0;
        malformed(bytes, "bytes after its 0 blocks");
    }

    @Test
    void refusesARepeatedMeasurementIndex() {
        malformed(signed(minimal().measurement(7, new byte[48])), "appears twice");
    }

    @Test
    void refusesUnknownRepeatedOrMissingOpaqueFields() {
        malformed(signed(minimal().opaque(37, new byte[0])), "unknown type 37");
        malformed(signed(minimal().opaque(3, new byte[1])), "repeats driver_version");
        malformed(signed(new SyntheticReport().nonce(NONCE).opaque(3, new byte[1])), "driver_version and vbios");
        malformed(signed(minimal().opaque(11, new byte[] {0})), "nvdec0_status");
        malformed(signed(minimal().opaque(12, new byte[3])), "4-byte counts");
        malformed(signed(minimal().opaque(34, new byte[9])), "too large");
    }

    @Test
    void refusesAReportCutInsideEveryRegion() {
        byte[] bytes = signed(minimal());
        for (int length : new int[] {0, 20, 37, 40, 50, bytes.length - 96 - 40, bytes.length - 96 - 3,
            bytes.length - 1}) {
            malformed(Arrays.copyOf(bytes, length), "");
        }
    }
}
