package dev.arca.attestation.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every way a verifier can end stops the request without claims (fail closed), and the verification instant reaches
 * the verifier unchanged. The verifiers here are small test implementations standing in for TEE hardware.
 */
class DeviceVerificationTest {

    private static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");
    private final DeviceVerification verification = new DeviceVerification();

    /** A verifier for the TDX slot whose behaviour each test chooses. */
    private record ScriptedVerifier(Script script) implements Verifier {

        @FunctionalInterface
        interface Script {
            List<DeviceClaims> run(Instant at) throws VerificationException;
        }

        @Override
        public Tee tee() {
            return Tee.TDX;
        }

        @Override
        public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
                Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
            return script.run(verificationTime);
        }
    }

    private static VerificationInput input(ScriptedVerifier.Script script) {
        return new VerificationInput(new ScriptedVerifier(script), JsonNodeFactory.instance.objectNode(), null, null,
                null, null);
    }

    @Test
    void theVerificationInstantReachesTheVerifier() {
        AtomicReference<Instant> seen = new AtomicReference<>();
        List<DeviceClaims> devices = verification.verify(input(at -> {
            seen.set(at);
            return List.of(new DeviceClaims(JsonNodeFactory.instance.objectNode(), "cpu"));
        }), 0, AT);

        assertThat(seen.get()).isEqualTo(AT);
        assertThat(devices).hasSize(1);
    }

    @Test
    void typedFailuresBecomeTheMatchingProblem() {
        record Case(Failure failure, Problem problem) {
        }
        for (Case c : List.of(new Case(Failure.MALFORMED_EVIDENCE, Problem.INVALID_EVIDENCE),
                new Case(Failure.SIGNATURE_INVALID, Problem.EVIDENCE_REJECTED),
                new Case(Failure.UNTRUSTED_CHAIN, Problem.EVIDENCE_REJECTED),
                new Case(Failure.COLLATERAL_UNAVAILABLE, Problem.UPSTREAM_UNAVAILABLE))) {
            assertThatThrownBy(() -> verification.verify(input(at -> {
                throw new VerificationException(c.failure(), "because " + c.failure());
            }), 2, AT)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.problem()).isEqualTo(c.problem());
                assertThat(e.getMessage()).isEqualTo("verification_requests[2] (tdx): because " + c.failure());
            });
        }
    }

    @Test
    void aVerifierBugIsAServerErrorWithoutItsDetails() {
        assertThatThrownBy(() -> verification.verify(input(at -> {
            throw new IllegalStateException("secret internal state 0xdeadbeef");
        }), 0, AT)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.VERIFIER_ERROR);
            assertThat(e.problem().status().value()).isEqualTo(500);
            assertThat(e.getMessage()).doesNotContain("deadbeef").contains("failed unexpectedly");
        });
    }

    @Test
    void noDevicesIsAnErrorNotAnEmptyToken() {
        List<DeviceClaims> withNull = new ArrayList<>();
        withNull.add(null);
        for (List<DeviceClaims> answer : java.util.Arrays.asList(null, List.<DeviceClaims>of(), withNull)) {
            assertThatThrownBy(() -> verification.verify(input(at -> answer), 0, AT))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.VERIFIER_ERROR));
        }
    }
}
