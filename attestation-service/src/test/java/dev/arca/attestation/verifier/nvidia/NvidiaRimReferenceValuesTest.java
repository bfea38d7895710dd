package dev.arca.attestation.verifier.nvidia;

import static dev.arca.nvidia.testpki.TestRimSigner.active;
import static dev.arca.nvidia.testpki.TestRimSigner.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arca.nvidia.testpki.TestRimSigner;
import dev.arca.nvidia.testpki.TestRimSigner.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NVIDIA RIM files of a folder become {@code nvidia_measurement_<SPDM index>} reference values: RIM index 0 is SPDM
 * index 1, the driver's and the VBIOS's RIMs (and several versions of each) add up, and a RIM that does not verify
 * stops the service.
 */
class NvidiaRimReferenceValuesTest {

    private static final TestRimSigner SIGNER = new TestRimSigner();

    @TempDir
    Path dir;

    private Path anchors() throws IOException {
        return Files.write(dir.resolve("rim-root.pem"), SIGNER.rootPem());
    }

    private Path rims() throws IOException {
        return Files.createDirectories(dir.resolve("rims"));
    }

    @Test
    void driverAndVbiosRimsBecomeTheMeasurementReferenceValues() throws Exception {
        Path rims = rims();
        Files.write(rims.resolve("driver.xml"), SIGNER.rim("GH100", "550.90.07", List.of(
                active(0, value(0x10)), active(1, value(0x11)), new Measurement(2, false, List.of(value(0x12))))));
        Files.write(rims.resolve("vbios.swidtag"), SIGNER.rim("GH100", "96.00.9F.00.01", List.of(
                active(2, value(0x22)), active(3, value(0x23), value(0x24)))));
        Files.write(rims.resolve("vbios-next.xml"), SIGNER.rim("GH100", "96.00.A0.00.01", List.of(
                active(3, value(0x25)))));
        Files.writeString(rims.resolve("README.txt"), "not a RIM, not read");

        NvidiaRimReferenceValues values = NvidiaRimReferenceValues.load(rims, anchors(), Instant.now());

        assertThat(values.manifests()).hasSize(3);
        assertThat(values.find("nvidia_measurement_1").orElseThrow().toString())
                .isEqualTo("[\"" + value(0x10) + "\"]");
        assertThat(values.find("nvidia_measurement_3").orElseThrow().toString())
                .as("the driver's inactive index 2 adds nothing").isEqualTo("[\"" + value(0x22) + "\"]");
        assertThat(values.find("nvidia_measurement_4").orElseThrow()).hasSize(3);
        assertThat(values.find("nvidia_measurement_5")).isEmpty();
        assertThat(values.find("nvidia_measurement_x")).isEmpty();
        assertThat(values.find("allowed_driver_versions")).isEmpty();
    }

    @Test
    void aRimThatDoesNotVerifyStopsTheServiceNamingTheFile() throws Exception {
        Path rims = rims();
        Files.write(rims.resolve("good.xml"), SIGNER.rim("GH100", "1", List.of(active(0, value(1)))));
        Files.write(rims.resolve("forged.xml"), TestRimSigner.rimSignedByStranger("GH100", "1",
                List.of(active(0, value(2)))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NvidiaRimReferenceValues.load(rims, anchors(), Instant.now()));
        assertThat(e.getMessage()).contains("forged.xml", "trust anchor");
    }

    @Test
    void configurationErrorsStopTheService() throws Exception {
        Path rims = rims();
        assertThat(assertThrows(IllegalStateException.class,
                () -> NvidiaRimReferenceValues.load(rims, anchors(), Instant.now())).getMessage())
                .contains("holds no RIM file");
        assertThat(assertThrows(IllegalStateException.class,
                () -> NvidiaRimReferenceValues.load(rims, null, Instant.now())).getMessage())
                .contains("arca.as.nvidia.rim-trust-anchors");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThrows(IllegalStateException.class, () -> NvidiaRimReferenceValues.load(rims, empty, Instant.now()));
        assertThrows(IllegalStateException.class,
                () -> NvidiaRimReferenceValues.load(dir.resolve("absent"), anchors(), Instant.now()));
    }
}
