package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.ValidityWindow;
import dev.arca.dcap.trust.VerifiedCrl;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    private static final int MAX_PCK_CRL_ISSUERS = 16;

    private final CollateralRequest request;
    private final X509Certificate root;
    private final TcbInfo tcbInfo;
    private final QeIdentity qeIdentity;
    private final VerifiedCrl rootCaCrl;
    private final X509CRL pckCrl;
    private final ValidityWindow pckCrlWindow;
    private final List<ValidityWindow> windows;
    private final Instant earliestIssueDate;
    private final Instant latestIssueDate;
    private final Instant earliestExpirationDate;
    private final Instant expiresAt;
    /** The three dates as the claims write them (RFC 3339, whole seconds), formatted once rather than per quote. */
    private final String earliestIssueDateText;
    private final String latestIssueDateText;
    private final String earliestExpirationDateText;
    private final Optional<BigInteger> rootCaCrlNumber;
    private final Optional<BigInteger> pckCrlNumber;
    /** Keys (uncompressed points) that the PCK CRL signature has been verified with. */
    private final Set<String> pckCrlSigners = ConcurrentHashMap.newKeySet();
    /**
     * PCK CA certificates (compared by their encoding) whose key is among {@link #pckCrlSigners}, so a quote from a
     * known CA costs no key decoding; it only saves the signature check, never the serial look-up. In practice it
     * holds Intel's Platform or Processor CA; bounded all the same.
     */
    private final Set<X509Certificate> pckCrlIssuers = ConcurrentHashMap.newKeySet();

    VerifiedCollateral(CollateralRequest request, X509Certificate root, TcbInfo tcbInfo, QeIdentity qeIdentity,
            VerifiedCrl rootCaCrl, X509CRL pckCrl, ValidityWindow pckCrlWindow, Optional<byte[]> pckCrlSigner,
            List<ValidityWindow> windows) {
        this.request = request;
        this.root = root;
        this.tcbInfo = tcbInfo;
        this.qeIdentity = qeIdentity;
        this.rootCaCrl = rootCaCrl;
        this.pckCrl = pckCrl;
        this.pckCrlWindow = pckCrlWindow;
        this.windows = List.copyOf(windows);
        pckCrlSigner.ifPresent(key -> pckCrlSigners.add(HexFormat.of().formatHex(key)));
        // what the claims need from the collateral is computed once, not per quote
        List<ValidityWindow> documents = documentWindows();
        this.earliestIssueDate = documents.stream().map(ValidityWindow::notBefore).min(Instant::compareTo)
                .orElse(null);
        this.latestIssueDate = documents.stream().map(ValidityWindow::notBefore).max(Instant::compareTo)
                .orElse(null);
        this.earliestExpirationDate = documents.stream().map(ValidityWindow::notAfter).min(Instant::compareTo)
                .orElse(null);
        this.expiresAt = this.windows.stream().map(ValidityWindow::notAfter).min(Instant::compareTo)
                .orElse(Instant.MIN);
        this.earliestIssueDateText = earliestIssueDate == null ? null : rfc3339(earliestIssueDate);
        this.latestIssueDateText = latestIssueDate == null ? null : rfc3339(latestIssueDate);
        this.earliestExpirationDateText = earliestExpirationDate == null ? null : rfc3339(earliestExpirationDate);
        this.rootCaCrlNumber = rootCaCrl == null ? Optional.empty() : rootCaCrl.crlNumber();
        this.pckCrlNumber = pckCrl == null ? Optional.empty() : VerifiedCrl.crlNumber(pckCrl);
    }

    public CollateralRequest request() {
        return request;
    }

    /** The trusted root the collateral's issuer chains lead to. */
    public X509Certificate root() {
        return root;
    }

    /**
     * The quote's PCK chain must lead to the same root as the collateral: with more than one pinned root, collateral
     * signed under one root says nothing about a platform certified under another.
     */
    public void requireSameRoot(PckCertChain chain) throws DcapVerificationException {
        if (!root.equals(chain.root())) {
            throw new DcapVerificationException(Reason.PCK_CHAIN,
                    "the PCK chain and the collateral lead to different roots");
        }
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
        return expiresAt;
    }

    /** The earliest issueDate/thisUpdate of the TCB Info, QE Identity and CRLs. */
    public Instant earliestIssueDate() {
        return earliestIssueDate;
    }

    /** The latest issueDate/thisUpdate of the TCB Info, QE Identity and CRLs. */
    public Instant latestIssueDate() {
        return latestIssueDate;
    }

    /** The earliest nextUpdate of the TCB Info, QE Identity and CRLs. */
    public Instant earliestExpirationDate() {
        return earliestExpirationDate;
    }

    /** {@link #earliestIssueDate} in RFC 3339 to the second (UTC, {@code Z}), or null when there is none. */
    public String earliestIssueDateText() {
        return earliestIssueDateText;
    }

    /** {@link #latestIssueDate} in RFC 3339 to the second, or null. */
    public String latestIssueDateText() {
        return latestIssueDateText;
    }

    /** {@link #earliestExpirationDate} in RFC 3339 to the second, or null. */
    public String earliestExpirationDateText() {
        return earliestExpirationDateText;
    }

    /** RFC 3339 to the second, the form of every date the claims hold. */
    public static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The Root CA CRL's CRL Number, when there is a Root CA CRL and it has one. */
    public Optional<BigInteger> rootCaCrlNumber() {
        return rootCaCrlNumber;
    }

    /** The PCK CRL's CRL Number, once {@link #checkRevocation} (or its issuer chain) has verified its signature. */
    public Optional<BigInteger> pckCrlNumber() {
        return pckCrlSigners.isEmpty() ? Optional.empty() : pckCrlNumber;
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
        X509Certificate intermediate = chain.intermediate();
        if (!pckCrlIssuers.contains(intermediate)) {
            String signer = HexFormat.of().formatHex(Certificates.publicKeyPoint(intermediate));
            if (!pckCrlSigners.contains(signer)) {
                try {
                    pckCrl.verify(intermediate.getPublicKey(), EcdsaP256.PROVIDER);
                } catch (GeneralSecurityException | RuntimeException e) {
                    throw new DcapVerificationException(Reason.COLLATERAL_INVALID,
                            "PCK CRL signature does not verify with the quote's PCK CA key");
                }
                pckCrlSigners.add(signer);
            }
            if (pckCrlIssuers.size() < MAX_PCK_CRL_ISSUERS) {
                pckCrlIssuers.add(intermediate);
            }
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
