package dev.arca.kbs.protocol;

import dev.arca.model.tee.Tee;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * RCAR metrics (upstream's set in Trustee KBS metrics.md; docs/kbs.md): {@code kbs_auth_requests_total}
 * by outcome, {@code kbs_attestations_total} by TEE and outcome ({@code affirmed}, {@code refused}, {@code error}),
 * and the latency of the AS call as histogram {@code kbs_attestation_duration_seconds} by TEE.
 */
@Component
public class AttestationMetrics {

    private final MeterRegistry registry;

    public AttestationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void auth(String outcome) {
        Counter.builder("kbs.auth.requests").description("POST /kbs/v0/auth calls by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void attestation(Tee tee, String outcome) {
        Counter.builder("kbs.attestations").description("attestations by TEE and outcome")
                .tag("tee", tee.wireName()).tag("outcome", outcome).register(registry).increment();
    }

    public <T> T timeAttestation(Tee tee, Supplier<T> call) {
        return Timer.builder("kbs.attestation.duration").description("time the attestation service took")
                .tag("tee", tee.wireName()).publishPercentileHistogram().register(registry).record(call);
    }
}
