package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.Collateral;
import dev.arca.attestation.collateral.CollateralException;
import dev.arca.attestation.collateral.CollateralProvider;
import dev.arca.attestation.collateral.VendorSource;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.CollateralRequest;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.collateral.RawCollateral;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intel's place in the AS collateral chain (docs/attestation-service.md "Collateral"): intel-dcap's verified-collateral
 * cache asks this source when it has nothing valid for a platform; this asks the AS's persistent
 * {@link CollateralProvider}, which answers from memory, from the database (so a restarted AS or another replica does
 * not fetch again) or from intel-dcap's PCS source ({@link #pcs}), and refreshes documents before they are due. It
 * remembers which copy it handed out per platform, so a refresh is noticed and verified once. The two directions
 * between intel-dcap's refusals and the chain's {@link CollateralException} are translated here and nowhere else.
 */
final class CachedIntelCollateral implements IntelCollateralSource {

    private final CollateralProvider<IntelCollateralKey, RawCollateral> provider;
    private final TcbUpdate update;
    /** When the copy last handed out for each platform was fetched. */
    private final Map<IntelCollateralKey, Instant> served = new ConcurrentHashMap<>();

    CachedIntelCollateral(CollateralProvider<IntelCollateralKey, RawCollateral> provider, TcbUpdate update) {
        this.provider = provider;
        this.update = update;
    }

    /**
     * intel-dcap's PCS source as the chain's vendor source. Nothing is verified here; whatever the PCS could not
     * deliver is "unavailable", so a cached copy may still serve (stale-if-error).
     */
    static VendorSource<IntelCollateralKey, RawCollateral> pcs(CollateralSource pcs) {
        return (key, timeout) -> {
            try {
                return pcs.fetch(key.request());
            } catch (DcapVerificationException e) {
                throw new CollateralException(CollateralException.Reason.UNAVAILABLE, e.getMessage(), e);
            }
        };
    }

    @Override
    public RawCollateral fetch(CollateralRequest request) throws DcapVerificationException {
        IntelCollateralKey key = IntelCollateralKey.of(request, update);
        try {
            Collateral<RawCollateral> collateral = provider.get(key);
            served.put(key, collateral.fetchedAt());
            return collateral.value();
        } catch (CollateralException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, "Intel collateral for "
                    + request.tee() + " FMSPC " + request.fmspc() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the copy of a platform served so far has been fetched again since: the in-memory copy, which the
     * chain's background refresh replaces before it is due, so no request waits for the PCS here.
     */
    @Override
    public boolean replacedSinceServed() {
        boolean replaced = false;
        for (Map.Entry<IntelCollateralKey, Instant> entry : served.entrySet()) {
            Optional<Instant> current = provider.cached(entry.getKey()).map(Collateral::fetchedAt);
            if (current.isPresent() && current.get().isAfter(entry.getValue())) {
                replaced = true;
            }
        }
        if (replaced) {
            served.clear();
        }
        return replaced;
    }
}
