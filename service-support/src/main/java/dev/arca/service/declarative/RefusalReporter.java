package dev.arca.service.declarative;

import java.nio.file.Path;

/**
 * Told once each time a declared file is refused with a new reason, beside the WARN line the directory logs; a
 * Kubernetes deployment turns it into an Event (docs/operations.md "Declarative configuration").
 */
@FunctionalInterface
public interface RefusalReporter {

    /** Reports nothing: the log line and the gauges are all there is. */
    RefusalReporter NONE = (what, file, reason, previousKept) -> {
    };

    /**
     * @param what         what the files declare, e.g. "attestation policy"
     * @param file         the refused file
     * @param reason       why, as logged
     * @param previousKept true when an earlier accepted version of the file's id stays in force
     */
    void refused(String what, Path file, String reason, boolean previousKept);
}
