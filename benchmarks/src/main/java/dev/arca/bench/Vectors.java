package dev.arca.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the real-evidence corpus (docs/testing.md; not part of the repository) is read in place: {@code ARCA_VECTORS},
 * else {@code -Darca.vectors}, else {@code ../shared/vectors}.
 */
public final class Vectors {

    private Vectors() {
    }

    /** The corpus directory, if it exists. */
    public static Optional<Path> find() {
        String configured = System.getenv("ARCA_VECTORS");
        Path vectors = Path.of(configured != null && !configured.isBlank() ? configured
                : System.getProperty("arca.vectors", "../shared/vectors"));
        return Files.isDirectory(vectors) ? Optional.of(vectors) : Optional.empty();
    }

    /**
     * The corpus directory, or a one-line refusal naming what needs it.
     *
     * @param what what the caller does with real evidence, e.g. "SnpAppraisalBenchmark appraises a real SNP report"
     */
    public static Path require(String what) {
        return find().orElseThrow(() -> new IllegalStateException(what + ": no real-evidence corpus at "
                + Path.of(System.getProperty("arca.vectors", "../shared/vectors")).toAbsolutePath().normalize()
                + " (set ARCA_VECTORS)"));
    }
}
