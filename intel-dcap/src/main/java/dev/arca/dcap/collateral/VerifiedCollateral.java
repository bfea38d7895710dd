package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.ValidityWindow;
import dev.arca.dcap.trust.VerifiedCrl;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collateral whose signatures and chains have been checked once by {@link CollateralVerifier}: the TCB Info and QE
 * Identity, the Root CA CRL and the PCK CRL. What still depends on the quote or the instant is checked per call and
 * is cheap: the validity windows ({@link #requireValidAt}) and revocation of the quote's PCK chain
 * ({@link #checkRevocation}).
 */
public final class VerifiedCollateral {

    private final CollateralRequest request;
    private final TcbInfo tcbInfo;
    private final QeIdentity qeIdentity;
    private final VerifiedCrl rootCaCrl;
    private final X509CRL pckCrl;
    private final ValidityWindow pckCrlWindow;
    private final List<ValidityWindow> windows;
    /** Keys (uncompressed points) that the PCK CRL signature has been verified with. */
    private final Set<String> pckCrlSigners = ConcurrentHashMap.newKeySet();

    VerifiedCollateral(CollateralRequest request, TcbInfo tcbInfo, QeIdentity qeIdentity, VerifiedCrl rootCaCrl,
            X509CRL pckCrl, ValidityWindow pckCrlWindow, Optional<byte[]> pckCrlSigner, List<ValidityWindow> windows) {
        this.request = request;
        this.tcbInfo = tcbInfo;
        this.qeIdentity = qeIdentity;
        this.rootCaCrl = rootCaCrl;
        this.pckCrl = pckCrl;
        this.pckCrlWindow = pckCrlWindow;
        this.windows = List.copyOf(windows);
        pckCrlSigner.ifPresent(key -> pckCrlSigners.add(HexFormat.of().formatHex(key)));
    }

    public CollateralRequest request() {
        return request;
    }

    public TcbInfo tcbInfo() {
        return tcbInfo;
    }

    public QeIdentity qeIdentity() {
        return qeIdentity;
    }

    public Optional<VerifiedCrl> rootCaCrl() {
        return Optional.ofNullable(rootCaCrl);
    }

    public Optional<X509CRL> pckCrl() {
        return Optional.ofNullable(pckCrl);
    }

    /** Every window that must contain the verification instant: JSON documents, CRLs and signing certificates. */
    public List<ValidityWindow> windows() {
        return windows;
    }

    /** The CRL and JSON windows only (the "collateral" of the DCAP supplemental dates). */
    public List<ValidityWindow> documentWindows() {
        return windows.stream().filter(w -> !w.certificate()).toList();
    }

    /** The earliest end of validity: after it the cache fetches anew. */
    public Instant expiresAt() {
        return windows.stream().map(ValidityWindow::notAfter).min(Instant::compareTo).orElse(Instant.MIN);
    }

    /**
     * @throws dev.arca.dcap.CollateralExpiredException when any document or signing certificate has expired at
     *         {@code at}; COLLATERAL_INVALID when one is not yet valid (issued after the instant)
     */
    public void requireValidAt(Instant at) throws DcapVerificationException {
        for (ValidityWindow window : windows) {
            window.require(at, Reason.COLLATERAL_INVALID, Reason.COLLATERAL_EXPIRED);
        }
    }

    /**
     * Checks the quote's PCK chain against the CRLs: the intermediate against the Root CA CRL, the leaf against the
     * PCK CRL. A PCK CRL that came without an issuer chain is verified here with the quote's (already verified)
     * intermediate, once per key.
     */
    public void checkRevocation(PckCertChain chain) throws DcapVerificationException {
        if (rootCaCrl != null && rootCaCrl.revokes(chain.intermediate())) {
            throw new DcapVerificationException(Reason.REVOKED, chain.caType().commonName()
                    + " certificate is revoked by the Root CA CRL");
        }
        if (pckCrl == null) {
            return;
        }
        if (!pckCrl.getIssuerX500Principal().equals(chain.intermediate().getSubjectX500Principal())) {
            throw new DcapVerificationException(Reason.COLLATERAL_MISMATCH, "the PCK CRL is not issued by the "
                    + "quote's " + chain.caType().commonName());
        }
        String signer = HexFormat.of().formatHex(Certificates.publicKeyPoint(chain.intermediate()));
        if (!pckCrlSigners.contains(signer)) {
            try {
                pckCrl.verify(chain.intermediate().getPublicKey(), EcdsaP256.PROVIDER);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new DcapVerificationException(Reason.COLLATERAL_INVALID,
                        "PCK CRL signature does not verify with the quote's PCK CA key");
            }
            pckCrlSigners.add(signer);
        }
        if (pckCrl.getRevokedCertificate(chain.leaf().getSerialNumber()) != null) {
            throw new DcapVerificationException(Reason.REVOKED, "the PCK certificate (serial "
                    + chain.leaf().getSerialNumber().toString(16) + ") is revoked by the PCK CRL");
        }
    }

    /** The PCK CRL as a verified CRL, once {@link #checkRevocation} has verified its signature. */
    public Optional<VerifiedCrl> verifiedPckCrl() {
        if (pckCrl == null || pckCrlSigners.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VerifiedCrl(pckCrl, HexFormat.of().parseHex(pckCrlSigners.iterator().next()),
                pckCrlWindow));
    }
}
