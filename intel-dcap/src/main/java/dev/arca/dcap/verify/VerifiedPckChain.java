package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.CollateralRequest;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.quote.TeeType;
import dev.arca.dcap.trust.P256PublicKey;
import dev.arca.dcap.trust.ValidityWindow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A PCK chain whose structure and signatures up to the pinned root have been verified, with what every later quote
 * from the platform needs: the validity windows (checked at each instant, never cached as a verdict) and the PCK
 * leaf's decoded key (null when it is not a P-256 point, which fails the QE report signature check), and the root's
 * key id (hex SHA-384 of its key point) and the collateral requests of its platform, computed once per chain.
 */
record VerifiedPckChain(PckCertChain chain, List<ValidityWindow> windows, P256PublicKey leafKey, String rootKeyId,
        CollateralRequest tdxCollateral, CollateralRequest sgxCollateral) {

    VerifiedPckChain {
        windows = List.copyOf(windows);
    }

    VerifiedPckChain(PckCertChain chain, List<ValidityWindow> windows, P256PublicKey leafKey, String rootKeyId) {
        this(chain, windows, leafKey, rootKeyId,
                CollateralRequest.of(TeeType.TDX, chain.extensions().fmspc(), chain.caType()),
                CollateralRequest.of(TeeType.SGX, chain.extensions().fmspc(), chain.caType()));
    }

    /** What collateral a quote of {@code tee} from this platform needs: the same object for every quote. */
    CollateralRequest collateralRequest(TeeType tee) {
        return tee == TeeType.TDX ? tdxCollateral : sgxCollateral;
    }

    Optional<P256PublicKey> leafPublicKey() {
        return Optional.ofNullable(leafKey);
    }

    /** Every certificate of the chain must be valid at {@code at} (RFC 5280 §4.1.2.5, notAfter inclusive). */
    void requireValidAt(Instant at) throws DcapVerificationException {
        for (ValidityWindow window : windows) {
            window.require(at, Reason.PCK_CHAIN, Reason.PCK_CHAIN);
        }
    }
}
