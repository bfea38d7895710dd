package dev.arca.attestation.verifier.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.model.json.Hex;
import dev.arca.nvidia.GpuReportVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remote (NRAS) mode of the {@code nvidia} verifier against {@link FakeNrasServer} over real HTTP: the request upstream
 * sends, both JWTs checked against NRAS's key set, the nonce match required, and every failure refused with its
 * reason.
 */
class NrasVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] REPORT = "spdm request and response".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHAIN = "-----BEGIN CERTIFICATE-----\n…".getBytes(StandardCharsets.UTF_8);
    private static final byte[] REPORT_DATA = filled(48, 0x3c);

    private final FakeNrasServer nras = FakeNrasServer.start();

    @AfterEach
    void stop() {
        nras.close();
    }

    private NvidiaVerifier verifier(Duration readTimeout) {
        NvidiaProperties.Nras settings = new NvidiaProperties.Nras(nras.attestUrl(), nras.jwksUrl(),
                Duration.ofSeconds(2), readTimeout, Duration.ofMinutes(5));
        return new NvidiaVerifier(GpuReportVerifier.trustingNvidia(),
                Optional.of(NvidiaConfiguration.nras(settings, JSON, Clock.systemUTC())), Optional.empty());
    }

    private NvidiaVerifier verifier() {
        return verifier(Duration.ofSeconds(5));
    }

    private static ObjectNode evidence(String... arches) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        var list = evidence.putArray("device_evidence_list");
        for (int i = 0; i < arches.length; i++) {
            list.addObject().put("arch", arches[i]).put("uuid", "GPU-" + i)
                    .put("evidence", Base64.getEncoder().encodeToString(REPORT))
                    .put("certificate", Base64.getEncoder().encodeToString(CHAIN));
        }
        return evidence;
    }

    private List<DeviceClaims> verify(NvidiaVerifier verifier, ObjectNode evidence) throws VerificationException {
        return verifier.verify(evidence, Optional.of(REPORT_DATA), Optional.empty(), Instant.now());
    }

    private VerificationException refusal(NvidiaVerifier verifier) {
        return assertThrows(VerificationException.class, () -> verify(verifier, evidence("HOPPER")));
    }

    @Test
    void eachDeviceGoesToNrasAndItsSignedClaimsComeBack() throws Exception {
        List<DeviceClaims> devices = verify(verifier(), evidence("HOPPER", "Blackwell", "LS10"));

        assertThat(devices).extracting(DeviceClaims::deviceClass).containsExactly("gpu", "gpu", "switch");
        ObjectNode gpu = devices.getFirst().claims();
        assertThat(gpu.get("x-nvidia-gpu-attestation-report-signature-verified").booleanValue()).isTrue();
        assertThat(gpu.get("x-nvidia-overall-att-result").booleanValue()).isTrue();
        assertThat(gpu.get("x-nvidia-gpu-driver-version").stringValue()).isEqualTo("550.90.07");
        String nonce = Hex.of(Arrays.copyOf(REPORT_DATA, 32));
        assertThat(gpu.get("report_data").stringValue()).isEqualTo(nonce);
        assertThat(devices.get(2).claims().has("x-nvidia-switch-attestation-report-nonce-match")).isTrue();

        List<String> requests = nras.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0)).startsWith("POST /v4/attest/gpu ");
        assertThat(requests.get(2)).startsWith("POST /v4/attest/switch ");
        JsonNode body = JSON.readTree(requests.get(0).substring(requests.get(0).indexOf('{')));
        assertThat(body.get("nonce").stringValue()).isEqualTo(nonce);
        assertThat(body.get("arch").stringValue()).isEqualTo("HOPPER");
        assertThat(body.get("claims_version").stringValue()).isEqualTo("3.0");
        assertThat(body.at("/evidence_list/0/evidence").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(REPORT));
        assertThat(body.at("/evidence_list/0/certificate").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(CHAIN));
    }

    @Test
    void aDeviceNrasDoesNotKnowIsMalformed() {
        VerificationException e = assertThrows(VerificationException.class,
                () -> verify(verifier(), evidence("AMPERE")));
        assertThat(e.failure()).isEqualTo(Failure.MALFORMED_EVIDENCE);
        assertThat(nras.requests()).isEmpty();
    }

    @Test
    void resultsNotSignedByNrasAreRefused() {
        nras.signingKey = FakeNrasServer.generate(FakeNrasServer.KID);
        VerificationException forged = refusal(verifier());
        assertThat(forged.failure()).isEqualTo(Failure.UNTRUSTED_CHAIN);
        assertThat(forged.getMessage()).contains("does not verify");

        nras.signingKey = FakeNrasServer.generate("someone-else");
        VerificationException unknown = refusal(verifier());
        assertThat(unknown.failure()).isEqualTo(Failure.UNTRUSTED_CHAIN);
        assertThat(unknown.getMessage()).contains("unknown key 'someone-else'");
    }

    @Test
    void anExpiredResultIsRefused() {
        nras.expiry = Instant.now().minusSeconds(3600);
        assertThat(refusal(verifier()).failure()).isEqualTo(Failure.UNTRUSTED_CHAIN);
    }

    @Test
    void theNonceMustMatch() {
        nras.nonceMatch = false;
        VerificationException mismatch = refusal(verifier());
        assertThat(mismatch.failure()).isEqualTo(Failure.REPORT_DATA_MISMATCH);
        assertThat(mismatch.getMessage()).contains("report data mismatch");

        nras.nonceMatch = true;
        nras.overallNonce = Hex.of(new byte[32]);
        assertThat(refusal(verifier()).failure()).isEqualTo(Failure.REPORT_DATA_MISMATCH);
    }

    @Test
    void nrasErrorsFailClosed() {
        nras.status = 500;
        VerificationException serverError = refusal(verifier());
        assertThat(serverError.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
        assertThat(serverError.getMessage()).contains("HTTP 500");

        nras.status = 400;
        assertThat(refusal(verifier()).failure()).isEqualTo(Failure.MALFORMED_EVIDENCE);

        nras.status = 403;
        assertThat(refusal(verifier()).getMessage()).contains("licence");

        nras.status = 200;
        nras.answerOverride = "{\"not\": \"an answer\"}";
        assertThat(refusal(verifier()).failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
    }

    @Test
    void unreachableKeysOrASlowNrasFailClosed() {
        nras.jwksStatus = 503;
        VerificationException noKeys = refusal(verifier());
        assertThat(noKeys.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
        assertThat(noKeys.getMessage()).contains("could not be fetched");

        nras.jwksStatus = 200;
        nras.delayMillis = 1_000;
        VerificationException slow = refusal(verifier(Duration.ofMillis(200)));
        assertThat(slow.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
        assertThat(slow.getMessage()).contains("did not answer");
    }

    @Test
    void remoteModeNeedsRuntimeData() {
        VerificationException e = assertThrows(VerificationException.class, () -> verifier().verify(
                evidence("HOPPER"), Optional.empty(), Optional.empty(), Instant.now()));
        assertThat(e.failure()).isEqualTo(Failure.REPORT_DATA_MISMATCH);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
