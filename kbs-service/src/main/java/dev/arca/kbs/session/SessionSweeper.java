package dev.arca.kbs.session;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired sessions in the background, as upstream's sweeper does every 60 s (Trustee
 * kbs_attestation_protocol.md).
 */
@Component
public class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    private final SessionStore store;
    private final Clock clock;

    public SessionSweeper(SessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The interval is {@code arca.kbs.session-sweep-interval} ({@code KbsProperties}). */
    @Scheduled(fixedDelayString = "${arca.kbs.session-sweep-interval:60s}",
            initialDelayString = "${arca.kbs.session-sweep-interval:60s}")
    public void sweep() {
        int removed = store.removeExpired(clock.instant());
        if (removed > 0) {
            log.debug("removed {} expired RCAR sessions", removed);
        }
    }
}
