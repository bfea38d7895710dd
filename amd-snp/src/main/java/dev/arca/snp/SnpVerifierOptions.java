package dev.arca.snp;

import java.time.Duration;
import java.util.Optional;

/**
 * How the verifier resolves what a report alone does not say.
 *
 * @param v2Generation the processor generation of version-2 reports (they carry no CPUID) when the evidence does not
 *                     carry their VCEK, so that it can be fetched; with a VCEK in the evidence its productName decides
 * @param crlRetry     how long an unavailable CRL is not asked for again
 */
public record SnpVerifierOptions(Optional<ProcessorGeneration> v2Generation, Duration crlRetry) {

    public static SnpVerifierOptions defaults() {
        return new SnpVerifierOptions(Optional.empty(), Duration.ofHours(1));
    }
}
