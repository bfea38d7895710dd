package dev.arca.rvps.referencevalue;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code referenceValueDirectory}: the last load of the declared provenance messages. Always UP (a
 * refused file changes nothing); the details say which files were registered, which were refused and why.
 */
@Component("referenceValueDirectory")
public class DeclaredReferenceValuesHealth implements HealthIndicator {

    private final DeclaredReferenceValues values;

    public DeclaredReferenceValuesHealth(DeclaredReferenceValues values) {
        this.values = values;
    }

    @Override
    public Health health() {
        return values.lastReport()
                .map(report -> Health.up().withDetail("enabled", true).withDetails(report.details()).build())
                .orElseGet(() -> Health.up().withDetail("enabled", false).build());
    }
}
