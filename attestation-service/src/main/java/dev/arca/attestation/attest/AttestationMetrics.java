package dev.arca.attestation.attest;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.web.ApiException;
import dev.arca.model.ear.EarStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Attestation metrics (docs/operations.md "Metrics"):
 * <ul>
 * <li>counter {@code arca.as.attestations} by {@code tee}, {@code outcome} and {@code reason}: each appraised device
 *     counts with the outcome of its EAR status ({@code affirmed} for an affirming status, else {@code warning},
 *     {@code contraindicated} or {@code none}, the words the KBS counts tokens with) and reason {@code none}, or
 *     {@code policy_error} / {@code rvps_unavailable} when its policy failed closed; a request that fails counts once
 *     with outcome {@code invalid} (4xx), {@code rejected} (the evidence did not verify) or {@code error} (5xx) and
 *     the reason (the verifier's failure such as {@code report_data_mismatch}, else the problem type such as
 *     {@code unsupported_tee});</li>
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

    void appraised(String tee, EarStatus status, String failure) {
        count(tee, status == EarStatus.AFFIRMING ? "affirmed" : status.wireName(), failure == null ? NONE : failure);
    }

    void failed(String tee, ApiException e) {
        String outcome = e.problem().status().is5xxServerError() ? "error"
                : e.getCause() instanceof VerificationException v
                        && v.failure() != VerificationException.Failure.MALFORMED_EVIDENCE ? "rejected" : "invalid";
        String reason = e.getCause() instanceof VerificationException v ? v.failure().tag()
                : e.problem().slug().replace('-', '_').toLowerCase(Locale.ROOT);
        count(tee, outcome, reason);
    }

    private void count(String tee, String outcome, String reason) {
        Counter.builder(COUNTER)
                .description("Attestation outcomes by TEE, outcome and reason")
                .tag("tee", tee == null ? "unknown" : tee)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
