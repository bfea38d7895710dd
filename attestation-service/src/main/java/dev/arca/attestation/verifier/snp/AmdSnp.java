package dev.arca.attestation.verifier.snp;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.snp.CertTableEntry;
import dev.arca.snp.SnpExpectations;
import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationResult;
import dev.arca.snp.SnpVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMD SEV-SNP verification of the AS: one amd-snp {@link SnpVerifier} over one verified certificate cache, so a
 * chip's VCEK and a generation's chain are fetched and verified once, for the {@code snp} verifier and for the Azure
 * vTPM verifier's embedded reports alike ({@link #verify} takes a raw 1184-byte report and its certificates). Once per
 * {@code arca.as.collateral.refresh-interval} a verification first asks the collateral chain whether documents were
 * replaced (a background refresh) and, if so, drops the verified copies. Refusals come back as the framework's
 * {@link VerificationException}s.
 */
public final class AmdSnp {

    private static final Logger log = LoggerFactory.getLogger(AmdSnp.class);

    private final SnpVerifier verifier;
    private final BooleanSupplier replaced;
    private final long checkIntervalNanos;
    private final AtomicLong nextCheck;

    AmdSnp(SnpVerifier verifier, BooleanSupplier replaced, Duration checkInterval) {
        this.verifier = verifier;
        this.replaced = replaced;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.nextCheck = new AtomicLong(System.nanoTime() + checkIntervalNanos);
    }

    /**
     * @param report       the 1184-byte ATTESTATION_REPORT
     * @param certificates the extended report's certificate table (may be empty: the VCEK is then fetched)
     * @param at           the verification instant
     */
    public SnpVerificationResult verify(byte[] report, List<CertTableEntry> certificates,
            SnpExpectations expectations, Instant at) throws VerificationException {
        beforeVerification();
        try {
            return verifier.verify(report, certificates, expectations, at);
        } catch (SnpVerificationException e) {
            throw SnpRefusals.translate(e, at);
        }
    }

    /**
     * The amd-snp verifier itself, with the AS's certificate chain and pins, for a verifier that embeds SNP reports
     * and translates amd-snp's refusals itself (Azure's HCL reports); it shares the verified certificates.
     */
    public SnpVerifier snpVerifier() {
        return verifier;
    }

    private void beforeVerification() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + checkIntervalNanos) && replaced.getAsBoolean()) {
            log.info("AMD certificates were replaced; verifying the new documents on next use");
            verifier.certificates().clear();
        }
    }
}
