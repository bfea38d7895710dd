package dev.arca.kbs.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long audit records are kept in the database before the sweeper deletes them
 *                  ({@code arca.kbs.audit.retention}); the log lines follow the log's own retention
 */
@ConfigurationProperties("arca.kbs.audit")
public record AuditProperties(@DefaultValue("365d") Duration retention) {

    public AuditProperties {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("arca.kbs.audit.retention must be a positive duration");
        }
    }
}
