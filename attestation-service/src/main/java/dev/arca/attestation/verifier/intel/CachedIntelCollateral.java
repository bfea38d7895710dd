package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.Collateral;
import dev.arca.attestation.collateral.CollateralException;
import dev.arca.attestation.collateral.CollateralProvider;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.CollateralRequest;
import dev.arca.dcap.collateral.RawCollateral;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What intel-dcap's verified-collateral cache asks when it has nothing valid for a platform: the AS collateral
 * framework's provider, which answers from memory, from the database (so a restarted AS or another replica does not
 * fetch again) or from the PCS, and refreshes documents before they are due (docs/attestation-service.md
 * "Collateral"). It remembers which copy it handed out per platform, so a refresh is noticed and verified once.
 */
final class CachedIntelCollateral implements IntelCollateralSource {

    private final CollateralProvider<IntelCollateralKey, IntelCollateralBundle> provider;
    private final TcbUpdate update;
    /** When the copy last handed out for each platform was fetched. */
    private final Map<IntelCollateralKey, Instant> served = new ConcurrentHashMap<>();

    CachedIntelCollateral(CollateralProvider<IntelCollateralKey, IntelCollateralBundle> provider, TcbUpdate update) {
        this.provider = provider;
        this.update = update;
    }

    @Override
    public RawCollateral fetch(CollateralRequest request) throws DcapVerificationException {
        IntelCollateralKey key = IntelCollateralKey.of(request, update);
        try {
            Collateral<IntelCollateralBundle> collateral = provider.get(key);
            served.put(key, collateral.fetchedAt());
            return collateral.value().raw();
        } catch (CollateralException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, "Intel collateral for "
                    + request.tee() + " FMSPC " + request.fmspc() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the copy of a platform served so far has been fetched again since: the in-memory copy, which the
     * framework's background refresh replaces before it is due, so no request waits for the PCS here. (From the
     * framework's offline directory, a lookup re-reads a changed file, which is local and quick.)
     */
    @Override
    public boolean replacedSinceServed() {
        boolean replaced = false;
        for (Map.Entry<IntelCollateralKey, Instant> entry : served.entrySet()) {
            Optional<Instant> current = current(entry.getKey());
            if (current.isPresent() && current.get().isAfter(entry.getValue())) {
                replaced = true;
            }
        }
        if (replaced) {
            served.clear();
        }
        return replaced;
    }

    private Optional<Instant> current(IntelCollateralKey key) {
        if (!provider.offline()) {
            return provider.cached(key).map(Collateral::fetchedAt);
        }
        try {
            return Optional.of(provider.get(key).fetchedAt());
        } catch (CollateralException e) {
            // the file is gone or unreadable: the verified copy serves while it is valid
            return Optional.empty();
        }
    }
}
