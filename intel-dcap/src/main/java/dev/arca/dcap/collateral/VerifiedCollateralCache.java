package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Fetches and verifies collateral once per (TEE, FMSPC, CA type) and reuses the verified result until its earliest
 * nextUpdate, so a quote costs about two P-256 verifications (quote and QE report) once the platform is known.
 * Concurrent misses for the same key share one fetch and verification. Failures are not cached.
 */
public final class VerifiedCollateralCache {

    private final CollateralSource source;
    private final CollateralVerifier verifier;
    private final ConcurrentMap<CollateralRequest, CompletableFuture<VerifiedCollateral>> entries =
            new ConcurrentHashMap<>();

    public VerifiedCollateralCache(CollateralSource source, CollateralVerifier verifier) {
        this.source = source;
        this.verifier = verifier;
    }

    /**
     * Verified collateral for the request that has not expired at {@code at}, fetching anew when the cached entry
     * has. The caller still checks the full window ({@link VerifiedCollateral#requireValidAt}), which reports
     * collateral that is expired even when fresh.
     */
    public VerifiedCollateral get(CollateralRequest request, Instant at) throws DcapVerificationException {
        while (true) {
            CompletableFuture<VerifiedCollateral> existing = entries.get(request);
            if (existing != null) {
                if (!existing.isDone()) {
                    return await(existing);
                }
                if (!existing.isCompletedExceptionally() && at.isBefore(existing.join().expiresAt())) {
                    return existing.join();
                }
            }
            CompletableFuture<VerifiedCollateral> mine = new CompletableFuture<>();
            boolean won = existing == null
                    ? entries.putIfAbsent(request, mine) == null
                    : entries.replace(request, existing, mine);
            if (!won) {
                continue;
            }
            try {
                VerifiedCollateral loaded = verifier.verify(request, source.fetch(request));
                mine.complete(loaded);
                return loaded;
            } catch (DcapVerificationException | RuntimeException e) {
                entries.remove(request, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
    }

    /** Drops every cached entry, e.g. after an operator replaced collateral files. */
    public void clear() {
        entries.clear();
    }

    private static VerifiedCollateral await(CompletableFuture<VerifiedCollateral> future)
            throws DcapVerificationException {
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof DcapVerificationException dcap) {
                throw dcap;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, "collateral fetch failed", e);
        } catch (CancellationException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, "collateral fetch cancelled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, "interrupted waiting for collateral");
        }
    }
}
