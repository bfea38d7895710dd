package dev.arca.attestation.attest;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one request's verifier (Trustee attestation-service README) and turns every way it can fail into an error that
 * stops the request: a typed {@link VerificationException} becomes the matching 4xx/503 with the verifier's reason,
 * anything else (a bug) a 500 whose cause stays in the log. No claims, no token: verification fails closed.
 */
@Component
class DeviceVerification {

    private static final Logger log = LoggerFactory.getLogger(DeviceVerification.class);

    List<DeviceClaims> verify(VerificationInput input, int index, Instant at) {
        Tee tee = input.verifier().tee();
        String where = "verification_requests[" + index + "] (" + tee.wireName() + "): ";
        List<DeviceClaims> devices;
        try {
            devices = input.verifier().verify(input.evidence(), input.reportData(), input.initData(), at);
        } catch (VerificationException e) {
            log.info("{} evidence refused: {} {}", tee, e.failure(), e.getMessage());
            throw new ApiException(problem(e.failure()), where + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            log.error("{} verifier failed unexpectedly", tee, e);
            throw new ApiException(Problem.VERIFIER_ERROR,
                    where + "the verifier failed unexpectedly; see the service log", e);
        }
        if (devices == null || devices.isEmpty() || devices.stream().anyMatch(Objects::isNull)) {
            throw new ApiException(Problem.VERIFIER_ERROR, where + "the verifier returned no device claims");
        }
        return devices;
    }

    private static Problem problem(VerificationException.Failure failure) {
        return switch (failure) {
            case MALFORMED_EVIDENCE -> Problem.INVALID_EVIDENCE;
            case COLLATERAL_UNAVAILABLE -> Problem.UPSTREAM_UNAVAILABLE;
            default -> Problem.EVIDENCE_REJECTED;
        };
    }
}
