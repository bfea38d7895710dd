package dev.arca.attestation.policy;

import dev.arca.service.declarative.LoadReport;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code policyDirectory}: the last load of the declared policies. Always UP (a refused file keeps
 * the previous version in force, so the service still appraises correctly); the details say what was loaded, what
 * was refused and why, so {@code kubectl} users see a bad ConfigMap edit without reading logs.
 */
@Component("policyDirectory")
public class DeclaredPoliciesHealth implements HealthIndicator {

    private final DeclaredPolicies policies;

    public DeclaredPoliciesHealth(DeclaredPolicies policies) {
        this.policies = policies;
    }

    @Override
    public Health health() {
        Optional<LoadReport> last = policies.lastReport();
        if (last.isEmpty()) {
            return Health.up().withDetail("enabled", false).build();
        }
        return Health.up().withDetail("enabled", true).withDetails(last.get().details()).build();
    }
}
