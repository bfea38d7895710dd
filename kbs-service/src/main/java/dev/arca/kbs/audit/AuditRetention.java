package dev.arca.kbs.audit;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes audit records older than {@code arca.kbs.audit.retention}, hourly. */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditStore store;
    private final AuditProperties properties;
    private final Clock clock;

    public AuditRetention(AuditStore store, AuditProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void sweep() {
        int removed = store.deleteBefore(clock.instant().minus(properties.retention()));
        if (removed > 0) {
            log.info("removed {} audit records older than {}", removed, properties.retention());
        }
    }
}
