package dev.arca.kbs.policy;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code policyDirectory}: the last load of the declared resource policies. Always UP (a refused
 * file keeps the previous version in force); the details say what was loaded, what was refused and why.
 */
@Component("policyDirectory")
public class DeclaredResourcePoliciesHealth implements HealthIndicator {

    private final DeclaredResourcePolicies policies;

    public DeclaredResourcePoliciesHealth(DeclaredResourcePolicies policies) {
        this.policies = policies;
    }

    @Override
    public Health health() {
        return policies.lastReport()
                .map(report -> Health.up().withDetail("enabled", true).withDetails(report.details()).build())
                .orElseGet(() -> Health.up().withDetail("enabled", false).build());
    }
}
