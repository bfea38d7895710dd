package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.CollateralException;
import dev.arca.attestation.collateral.CollateralException.Reason;
import dev.arca.attestation.collateral.CollateralSource;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.collateral.PcsCollateralSource;
import java.time.Duration;

/**
 * The collateral framework's source of Intel collateral: intel-dcap's {@link PcsCollateralSource} (TCB Info, QE
 * Identity, PCK CRL and Root CA CRL from Intel's PCS or a PCCS (Intel PCS API v4), each request
 * with connect and read timeouts) packed into one bundle body per platform. Nothing is verified here; what cannot be
 * fetched or read is "unavailable", so a cached copy may still serve (stale-if-error).
 */
final class PcsDocumentSource implements CollateralSource<IntelCollateralKey> {

    private final PcsCollateralSource pcs;

    PcsDocumentSource(PcsCollateralSource pcs) {
        this.pcs = pcs;
    }

    @Override
    public byte[] fetch(IntelCollateralKey key, Duration timeout) throws CollateralException {
        try {
            return IntelCollateralCodec.encode(pcs.fetch(key.request()));
        } catch (DcapVerificationException e) {
            throw new CollateralException(Reason.UNAVAILABLE, e.getMessage(), e);
        }
    }
}
