package dev.arca.service.web;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /healthz}: the liveness probe upstream's manifests and probes use (docs/compatibility.md). 200 with an
 * empty body while the application is live, 503 once it is broken; the same state as
 * {@code /actuator/health/liveness}, which Arca's own chart probes.
 */
@RestController
public class Healthz {

    private final ApplicationAvailability availability;

    public Healthz(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @GetMapping("/healthz")
    public ResponseEntity<Void> healthz() {
        return availability.getLivenessState() == LivenessState.CORRECT ? ResponseEntity.ok().build()
                : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
    }
}
