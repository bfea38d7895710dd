package dev.arca.attestation.attest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counter {@code arca.as.attestations} by {@code tee} and {@code status}: each appraised device counts with its EAR
 * status; a request that fails counts once with status {@code rejected} (evidence did not verify) or {@code invalid}
 * (bad request).
 */
@Component
class AttestationMetrics {

    static final String NAME = "arca.as.attestations";

    private final MeterRegistry registry;

    AttestationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String tee, String status) {
        Counter.builder(NAME)
                .description("Attestation requests by TEE and outcome")
                .tag("tee", tee == null ? "unknown" : tee)
                .tag("status", status)
                .register(registry)
                .increment();
    }
}
