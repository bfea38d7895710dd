package dev.arca.attestation.attest;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.web.ApiException;
import dev.arca.model.ear.EarStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Timer issued;
    private final Timer failed;
    /**
     * The counters by their tags, registered once: the registry's look-up by name and tags costs more than the
     * increment. The tags are bounded sets (known TEE names, outcomes, failure and problem names).
     */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    AttestationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.issued = timer(registry, "token");
        this.failed = timer(registry, "failed");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder(TIMER)
                .description("Time to answer POST /attestation")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void stop(Timer.Sample sample, boolean issued) {
        sample.stop(issued ? this.issued : failed);
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
        List<String> tags = List.of(tee == null ? "unknown" : tee, outcome, reason);
        counters.computeIfAbsent(tags, key -> Counter.builder(COUNTER)
                .description("Attestation outcomes by TEE, outcome and reason")
                .tag("tee", key.get(0))
                .tag("outcome", key.get(1))
                .tag("reason", key.get(2))
                .register(registry))
                .increment();
    }
}
