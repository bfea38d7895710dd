package dev.arca.agent.attester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.azure.AzureImds;
import dev.arca.agent.attester.sgx.SgxAttester;
import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.fakes.FakeTpmDevice;
import dev.arca.agent.fakes.SyntheticHclReport;
import dev.arca.agent.platform.HostPaths;
import dev.arca.agent.platform.Platform;
import dev.arca.model.tee.Tee;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's detection order (guest-components attesters) over fake kernels that show one or more TEEs. */
class AttesterDetectionTest {

    @TempDir
    Path root;

    private int hosts;

    private FakeKernel host() {
        return FakeKernel.at(root.resolve("host" + hosts++));
    }

    private static AttesterDetection detection(FakeKernel kernel, Map<String, String> env) {
        return new AttesterDetection(new Platform(kernel, HostPaths.fromSystemProperties(), env),
                Path.of("/run/attestation-agent/eventlog"), new AzureImds(URI.create("http://127.0.0.1:9")));
    }

    private static Tee detect(FakeKernel kernel) {
        return detection(kernel, Map.of()).detectPrimary();
    }

    /** A vTPM whose paravisor holds an HCL report of this type (SyntheticHclReport.TYPE_SNP or TYPE_TDX). */
    private static FakeTpmDevice azureVtpm(int reportType) {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            RSAPublicKey ak = (RSAPublicKey) rsa.generateKeyPair().getPublic();
            return new FakeTpmDevice().nvIndex(0x01400001, 0x00060006, SyntheticHclReport.of(reportType, ak,
                    new byte[64]));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noTeeFallsBackToSample() throws Exception {
        AttesterDetection detection = detection(host(), Map.of());
        assertThat(detection.detectPrimary()).isEqualTo(Tee.SAMPLE);
        assertThat(detection.primary(Optional.empty())).isInstanceOf(SampleAttester.class);
        assertThat(detection.additionalDevices()).isEmpty();
    }

    @Test
    void eachTeeIsFoundByItsKernelInterface() {
        assertThat(detect(host().file("/dev/tdx_guest", new byte[0]))).isEqualTo(Tee.TDX);
        assertThat(detect(host().file("/dev/attestation/attestation_type", "dcap".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(Tee.SGX);
        FakeKernel azureTdx = host();
        azureTdx.tpm("tpmrm0", azureVtpm(SyntheticHclReport.TYPE_TDX));
        assertThat(detect(azureTdx)).isEqualTo(Tee.AZ_TDX_VTPM);
        FakeKernel azureSnp = host();
        azureSnp.tpm("tpmrm0", azureVtpm(SyntheticHclReport.TYPE_SNP));
        assertThat(detect(azureSnp)).isEqualTo(Tee.AZ_SNP_VTPM);
        assertThat(detect(host().directory("/sys/devices/platform/sev-guest"))).isEqualTo(Tee.SNP);
        FakeKernel tpm = host();
        tpm.tpm("tpm0", new FakeTpmDevice());
        assertThat(detect(tpm)).isEqualTo(Tee.TPM);
    }

    @Test
    void theFirstInUpstreamOrderWins() {
        // tdx before sgx
        assertThat(detect(host().file("/dev/tdx_guest", new byte[0])
                .file("/dev/attestation/attestation_type", "dcap".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(Tee.TDX);
        // an Azure SNP CVM also shows sev-guest and a TPM: az-snp-vtpm before snp and tpm
        FakeKernel azure = host().directory("/sys/devices/platform/sev-guest");
        azure.tpm("tpmrm0", azureVtpm(SyntheticHclReport.TYPE_SNP));
        azure.tpm("tpm0", new FakeTpmDevice());
        assertThat(detect(azure)).isEqualTo(Tee.AZ_SNP_VTPM);
        // a TPM without an HCL report is not Azure; snp before tpm
        FakeKernel snp = host().directory("/sys/devices/platform/sev-guest");
        snp.tpm("tpm0", new FakeTpmDevice());
        snp.tpm("tpmrm0", new FakeTpmDevice());
        assertThat(detect(snp)).isEqualTo(Tee.SNP);
    }

    @Test
    void sgxLibOsIsOcclumByEnvironmentElseGramineByItsAttestationType() {
        FakeKernel gramine = host().file("/dev/attestation/attestation_type",
                "dcap\n".getBytes(StandardCharsets.US_ASCII));
        Platform platform = new Platform(gramine, HostPaths.fromSystemProperties(), Map.of());
        assertThat(SgxAttester.detect(platform)).contains(SgxAttester.LibOs.GRAMINE);
        FakeKernel epid = host().file("/dev/attestation/attestation_type", "epid".getBytes(StandardCharsets.US_ASCII));
        assertThat(SgxAttester.detect(new Platform(epid, HostPaths.fromSystemProperties(), Map.of()))).isEmpty();
        assertThat(SgxAttester.detect(new Platform(host(), HostPaths.fromSystemProperties(), Map.of("OCCLUM", "1"))))
                .contains(SgxAttester.LibOs.OCCLUM);
    }

    @Test
    void aConfiguredTeeIsUsedWithoutProbing() throws Exception {
        AttesterDetection detection = detection(host(), Map.of());
        assertThat(detection.primary(Optional.of(Tee.TDX)).tee()).isEqualTo(Tee.TDX);
        assertThat(detection.primary(Optional.of(Tee.SNP)).tee()).isEqualTo(Tee.SNP);
        assertThat(detection.primary(Optional.of(Tee.SAMPLE)).tee()).isEqualTo(Tee.SAMPLE);
        assertThatThrownBy(() -> detection.primary(Optional.of(Tee.TPM))).isInstanceOf(AttesterException.class)
                .hasMessageContaining("no TPM device");
        assertThatThrownBy(() -> detection.create(Tee.CCA)).hasMessageContaining("no attester for cca");
    }

    @Test
    void sampleDeviceIsEnabledByTheUpstreamEnvironmentVariable() {
        assertThat(detection(host(), Map.of("ENABLE_SAMPLE_DEVICE", "")).additionalDevices())
                .singleElement().extracting(Attester::tee).isEqualTo(Tee.SAMPLE_DEVICE);
    }
}
