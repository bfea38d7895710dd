package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.CollateralException;
import dev.arca.attestation.collateral.CollateralProvider;
import dev.arca.attestation.collateral.VendorSource;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.CollateralRequest;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.collateral.RawCollateral;

/**
 * Intel's place in the AS collateral chain (docs/attestation-service.md "Collateral"): intel-dcap's verified-collateral
 * cache asks this source when it has nothing valid for a platform; this asks the AS's persistent
 * {@link CollateralProvider}, which answers from memory, from the database (so a restarted AS or another replica does
 * not fetch again) or from intel-dcap's PCS source ({@link #pcs}), and refreshes documents before they are due; the
 * provider tells when a refresh replaced what it handed out, so the new copy is verified once. The two directions
 * between intel-dcap's refusals and the chain's {@link CollateralException} are translated here and nowhere else.
 */
final class CachedIntelCollateral implements IntelCollateralSource {

    private final CollateralProvider<IntelCollateralKey, RawCollateral> provider;
    private final TcbUpdate update;

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
            return provider.get(key).value();
        } catch (CollateralException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, "Intel collateral for "
                    + request.tee() + " FMSPC " + request.fmspc() + ": " + e.getMessage(), e);
        }
    }

    /** A background refresh replaced a platform's collateral since it was handed out (memory only: no request waits). */
    @Override
    public boolean replacedSinceServed() {
        return provider.replacedSinceServed();
    }
}
