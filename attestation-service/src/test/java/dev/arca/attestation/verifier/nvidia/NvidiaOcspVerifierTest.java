package dev.arca.attestation.verifier.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.nvidia.GpuReportVerifier;
import dev.arca.nvidia.ocsp.DeviceChainOcsp;
import dev.arca.nvidia.testpki.FakeOcspResponder;
import dev.arca.nvidia.testpki.SyntheticReport;
import dev.arca.nvidia.testpki.TestDevicePki;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Local mode with the device chain's OCSP check ({@code arca.as.nvidia.ocsp.url}) against a fake NVIDIA OCSP service:
 * a good chain verifies, a revoked certificate is refused as revoked (403), an unreachable responder as unavailable
 * (503).
 */
class NvidiaOcspVerifierTest {

    private static final TestDevicePki PKI = TestDevicePki.forFirmware("gsp fmc");
    private static final byte[] REPORT_DATA = new byte[32];

    private final FakeOcspResponder responder = FakeOcspResponder.start().now(TestDevicePki.AT)
            .issuer(PKI.intermediate(), PKI.intermediateKey()).issuer(PKI.root(), PKI.rootKey());
    private final NvidiaVerifier verifier = new NvidiaVerifier(new GpuReportVerifier(Set.of(PKI.rootFingerprint())),
            Optional.empty(), Optional.of(new DeviceChainOcsp(responder.url(), Duration.ofSeconds(2),
                    Duration.ofSeconds(5), Duration.ofHours(1))));

    @AfterEach
    void stop() {
        responder.close();
    }

    private static ObjectNode evidence() {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.putArray("device_evidence_list").addObject().put("arch", "HOPPER").put("uuid", "GPU-0001")
                .put("evidence", HexFormat.of().formatHex(SyntheticReport.typical(PKI, Arrays.copyOf(REPORT_DATA, 32))
                        .signedBy(PKI.leafKey())))
                .put("certificate", Base64.getEncoder().encodeToString(PKI.chainPem()));
        return evidence;
    }

    private VerificationException refusal() {
        return assertThrows(VerificationException.class, () -> verifier.verify(evidence(), Optional.of(REPORT_DATA),
                Optional.empty(), TestDevicePki.AT));
    }

    @Test
    void aGoodChainVerifies() throws Exception {
        assertThat(verifier.verify(evidence(), Optional.of(REPORT_DATA), Optional.empty(), TestDevicePki.AT))
                .hasSize(1);
        assertThat(responder.calls()).isEqualTo(2);
    }

    @Test
    void aRevokedCertificateIsRefused() {
        responder.revoke(PKI.intermediate().getSerialNumber());
        VerificationException e = refusal();
        assertThat(e.failure()).isEqualTo(Failure.REVOKED);
        assertThat(e.getMessage()).contains("GPU-0001", "revoked");
    }

    @Test
    void anUnreachableResponderFailsClosed() {
        responder.close();
        assertThat(refusal().failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
    }
}
