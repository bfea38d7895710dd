package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationResult;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.collateral.VerifiedCollateralCache;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Intel DCAP verification the {@code tdx} and {@code sgx} verifiers share: one intel-dcap {@link DcapVerifier}
 * over one verified-collateral cache, so collateral is fetched and verified once per platform and refresh, not per
 * quote, whichever TEE asks. Once per {@code arca.as.collateral.refresh-interval} a verification first asks the
 * collateral source whether documents were replaced (refreshed from the PCS, offline files changed) and, if so, drops
 * the verified copies so the new documents are verified and used. Refusals come back as the framework's
 * {@link VerificationException}s.
 */
public final class IntelDcap {

    private static final Logger log = LoggerFactory.getLogger(IntelDcap.class);

    private final DcapVerifier verifier;
    private final VerifiedCollateralCache verifiedCollateral;
    private final IntelCollateralSource source;
    private final long checkIntervalNanos;
    private final AtomicLong nextCheck;

    /**
     * @param source        the source behind {@code verifiedCollateral}
     * @param checkInterval how often to ask {@code source} whether its documents were replaced
     */
    IntelDcap(DcapVerifier verifier, VerifiedCollateralCache verifiedCollateral, IntelCollateralSource source,
            Duration checkInterval) {
        this.verifier = verifier;
        this.verifiedCollateral = verifiedCollateral;
        this.source = source;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.nextCheck = new AtomicLong(System.nanoTime() + checkIntervalNanos);
    }

    /**
     * Verifies a TD quote (v4/v5) as of {@code at} and returns its claims (Trustee tdx verifier), upstream's names.
     *
     * @param ccel the CC event log area, replayed against RTMR0–3 when present and not empty
     */
    public ObjectNode verifyTdx(byte[] quote, Optional<byte[]> ccel, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitData, Instant at) throws VerificationException {
        beforeVerification();
        try {
            return accepted(verifier.verifyTdx(quote, ccel, expectedReportData, expectedInitData, at));
        } catch (DcapVerificationException e) {
            throw DcapRefusals.translate(e, at);
        }
    }

    /** Verifies an SGX quote (v3) as of {@code at} and returns its claims (Trustee sgx verifier). */
    public ObjectNode verifySgx(byte[] quote, Optional<byte[]> expectedReportData, Optional<byte[]> expectedInitData,
            Instant at) throws VerificationException {
        beforeVerification();
        try {
            return accepted(verifier.verifySgx(quote, expectedReportData, expectedInitData, at));
        } catch (DcapVerificationException e) {
            throw DcapRefusals.translate(e, at);
        }
    }

    /** At most once per check interval (one caller checks, the others go on): replaced documents are re-verified. */
    private void beforeVerification() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + checkIntervalNanos)
                && source.replacedSinceServed()) {
            log.info("Intel collateral was replaced; verifying the new documents on next use");
            verifiedCollateral.clear();
        }
    }

    private static ObjectNode accepted(DcapVerificationResult result) {
        log.debug("{} quote verified: TCB status {}, advisories {}", result.tee(), result.tcbStatus(),
                result.advisoryIds());
        return result.claims();
    }
}
