package dev.arca.attestation.attest;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Attestation metrics (docs/attestation-service.md "Operations"):
 * <ul>
 * <li>counter {@code arca.as.attestations} by {@code tee}, {@code status} and {@code reason}: each appraised device
 *     counts with its EAR status and reason {@code none}, or {@code policy_error} / {@code rvps_unavailable} when
 *     its policy failed closed; a request that fails counts once with status {@code invalid} (4xx), {@code rejected}
 *     (the evidence did not verify) or {@code error} (5xx) and the reason (the verifier's failure such as
 *     {@code report_data_mismatch}, else the problem type such as {@code unsupported_tee});</li>
 * <li>timer {@code arca.as.attestation.duration} by {@code outcome} ({@code token}, {@code failed}), with a
 *     percentile histogram.</li>
 * </ul>
 */
@Component
class AttestationMetrics {

    static final String COUNTER = "arca.as.attestations";
    static final String TIMER = "arca.as.attestation.duration";
    static final String NONE = "none";

    private final MeterRegistry registry;

    AttestationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void stop(Timer.Sample sample, boolean issued) {
        sample.stop(Timer.builder(TIMER)
                .description("Time to answer POST /attestation")
                .tag("outcome", issued ? "token" : "failed")
                .publishPercentileHistogram()
                .register(registry));
    }

    void appraised(String tee, String status, String failure) {
        count(tee, status, failure == null ? NONE : failure);
    }

    void failed(String tee, ApiException e) {
        String status = e.problem().status().is5xxServerError() ? "error"
                : e.getCause() instanceof VerificationException v
                        && v.failure() != VerificationException.Failure.MALFORMED_EVIDENCE ? "rejected" : "invalid";
        String reason = e.getCause() instanceof VerificationException v ? v.failure().tag()
                : e.problem().slug().replace('-', '_').toLowerCase(Locale.ROOT);
        count(tee, status, reason);
    }

    private void count(String tee, String status, String reason) {
        Counter.builder(COUNTER)
                .description("Attestation outcomes by TEE, status and reason")
                .tag("tee", tee == null ? "unknown" : tee)
                .tag("status", status)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
