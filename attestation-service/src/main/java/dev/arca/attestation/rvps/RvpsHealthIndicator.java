package dev.arca.attestation.rvps;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code rvps}, part of the readiness group (docs/attestation-service.md "Operations"): an AS
 * whose RVPS does not answer can only appraise from its cache for a while, so it should not receive new traffic;
 * it stays live, because restarting it does not bring the RVPS back.
 */
@Component("rvps")
public class RvpsHealthIndicator implements HealthIndicator {

    private final RvpsClient client;

    public RvpsHealthIndicator(RvpsClient client) {
        this.client = client;
    }

    @Override
    public Health health() {
        try {
            client.probe();
            return Health.up().build();
        } catch (RvpsUnavailableException e) {
            return Health.down().withDetail("reason", e.getMessage()).build();
        }
    }
}
