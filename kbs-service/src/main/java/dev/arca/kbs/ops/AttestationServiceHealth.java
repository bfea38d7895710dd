package dev.arca.kbs.ops;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.upstream.AttestationServiceClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the attestation service (health indicator {@code attestationService}, part of the readiness group):
 * its JWKS endpoint answers within the configured timeouts. The detail never includes the keys themselves.
 */
@Component("attestationService")
public class AttestationServiceHealth implements HealthIndicator {

    private final AttestationServiceClient attestationService;

    public AttestationServiceHealth(AttestationServiceClient attestationService) {
        this.attestationService = attestationService;
    }

    @Override
    public Health health() {
        try {
            attestationService.jwks();
            return Health.up().build();
        } catch (KbsException e) {
            return Health.down().withDetail("reason", e.problem().detail()).build();
        }
    }
}
