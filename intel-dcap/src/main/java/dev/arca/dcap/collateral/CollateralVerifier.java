package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.quote.TeeType;
import dev.arca.dcap.trust.ChainVerifier;
import dev.arca.dcap.trust.Crls;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.dcap.trust.ValidityWindow;
import dev.arca.dcap.trust.VerifiedCrl;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Verifies raw collateral once, independently of any quote or instant:
 * <ul>
 *   <li>TCB Info and QE Identity: the issuer chain leads from "Intel SGX TCB Signing" to a pinned root, the same
 *       root for both, and the ECDSA P-256 signature (hex r‖s) covers the exact served bytes (Intel PCS API v4,
 *       TCB Info v3 / QE Identity v2); the documents are for the requested TEE and FMSPC;</li>
 *   <li>the Root CA CRL is signed by that root (the certificate as the issuer chains deliver it) and does not revoke
 *       the TCB signing or PCK CRL issuer certificates;</li>
 *   <li>the PCK CRL is issued by the requested CA and signed by it (through its issuer chain when the source gave
 *       one, else later with the quote's own intermediate).</li>
 * </ul>
 * The windows of every document and signing certificate are collected for the per-instant check.
 */
public final class CollateralVerifier {

    static final String TCB_SIGNING_CN = "Intel SGX TCB Signing";

    private final ChainVerifier chains;

    public CollateralVerifier(IntelRootCa root) {
        this.chains = new ChainVerifier(root);
    }

    public VerifiedCollateral verify(CollateralRequest request, RawCollateral raw) throws DcapVerificationException {
        List<ValidityWindow> windows = new ArrayList<>();
        TcbInfo tcbInfo = CollateralParser.tcbInfo(verifySigned(raw.tcbInfo(), "TCB Info", windows));
        QeIdentity qeIdentity = CollateralParser.qeIdentity(verifySigned(raw.qeIdentity(), "QE Identity", windows));
        matchRequest(request, tcbInfo, qeIdentity);
        X509Certificate root = raw.tcbInfo().issuerChain().getLast();
        if (!root.equals(raw.qeIdentity().issuerChain().getLast())) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID,
                    "TCB Info and QE Identity are signed under different roots");
        }
        windows.add(new ValidityWindow("TCB Info", tcbInfo.issueDate(), tcbInfo.nextUpdate(), false));
        windows.add(new ValidityWindow("QE Identity", qeIdentity.issueDate(), qeIdentity.nextUpdate(), false));

        VerifiedCrl rootCrl = null;
        Optional<byte[]> rootCrlBytes = raw.rootCaCrlBytes();
        if (rootCrlBytes.isPresent()) {
            rootCrl = Crls.verify(Crls.decode(rootCrlBytes.get()), root, "Root CA CRL");
            windows.add(rootCrl.window());
            for (X509Certificate signer : List.of(raw.tcbInfo().issuerChain().getFirst(),
                    raw.qeIdentity().issuerChain().getFirst())) {
                if (rootCrl.revokes(signer)) {
                    throw new DcapVerificationException(Reason.REVOKED, "the TCB signing certificate is revoked");
                }
            }
        }

        X509CRL pckCrl = null;
        ValidityWindow pckCrlWindow = null;
        Optional<byte[]> pckCrlSigner = Optional.empty();
        Optional<byte[]> pckCrlBytes = raw.pckCrlBytes();
        if (pckCrlBytes.isPresent()) {
            pckCrl = Crls.decode(pckCrlBytes.get());
            String issuer = Certificates.commonName(X500Name.getInstance(
                    pckCrl.getIssuerX500Principal().getEncoded())).orElse("");
            if (PckCaType.fromCommonName(issuer).orElse(null) != request.caType()) {
                throw new DcapVerificationException(Reason.COLLATERAL_MISMATCH, "the PCK CRL is issued by '"
                        + issuer + "', the quote's PCK by the " + request.caType().commonName());
            }
            if (pckCrl.getNextUpdate() == null) {
                throw new DcapVerificationException(Reason.COLLATERAL_INVALID, "PCK CRL has no nextUpdate");
            }
            List<X509Certificate> issuerChain = raw.pckCrlIssuerChain();
            if (issuerChain.isEmpty()) {
                pckCrlWindow = new ValidityWindow("PCK CRL", pckCrl.getThisUpdate().toInstant(),
                        pckCrl.getNextUpdate().toInstant(), false);
            } else {
                windows.addAll(chains.verify(issuerChain, names("PCK CRL", issuerChain.size()),
                        Reason.COLLATERAL_INVALID));
                if (!issuerChain.getLast().equals(root)) {
                    throw new DcapVerificationException(Reason.COLLATERAL_INVALID,
                            "the PCK CRL issuer chain and the TCB Info lead to different roots");
                }
                if (rootCrl != null && rootCrl.revokes(issuerChain.getFirst())) {
                    throw new DcapVerificationException(Reason.REVOKED, "the PCK CRL issuer is revoked");
                }
                VerifiedCrl verified = Crls.verify(pckCrl, issuerChain.getFirst(), "PCK CRL");
                pckCrlWindow = verified.window();
                pckCrlSigner = Optional.of(verified.signerKey());
            }
            windows.add(pckCrlWindow);
        }
        return new VerifiedCollateral(request, root, tcbInfo, qeIdentity, rootCrl, pckCrl, pckCrlWindow, pckCrlSigner,
                windows);
    }

    private byte[] verifySigned(SignedJson signed, String item, List<ValidityWindow> windows)
            throws DcapVerificationException {
        List<X509Certificate> chain = signed.issuerChain();
        if (chain.isEmpty()) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, item + " comes without an issuer chain");
        }
        windows.addAll(chains.verify(chain, names(item, chain.size()),
                Reason.COLLATERAL_INVALID));
        X509Certificate signer = chain.getFirst();
        if (!TCB_SIGNING_CN.equals(Certificates.subjectCommonName(signer).orElse(""))) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, item + " is not signed by "
                    + TCB_SIGNING_CN);
        }
        if (!EcdsaP256.verify(Certificates.publicKeyPoint(signer), signed.signedBytes(), signed.signature())) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, item + " signature does not verify");
        }
        return signed.signedBytes();
    }

    private static void matchRequest(CollateralRequest request, TcbInfo tcbInfo, QeIdentity qeIdentity)
            throws DcapVerificationException {
        boolean tdx = request.tee() == TeeType.TDX;
        String tcbId = tdx ? TcbInfo.TDX : TcbInfo.SGX;
        if (!tcbInfo.id().equals(tcbId)) {
            throw new DcapVerificationException(Reason.COLLATERAL_MISMATCH, "TCB Info is for " + tcbInfo.id()
                    + ", the quote is " + request.tee());
        }
        if (tdx && tcbInfo.version() < 3) {
            throw new DcapVerificationException(Reason.COLLATERAL_MISMATCH, "TCB Info v" + tcbInfo.version()
                    + " cannot describe TDX");
        }
        if (!tcbInfo.fmspc().equalsIgnoreCase(request.fmspc())) {
            throw new DcapVerificationException(Reason.COLLATERAL_MISMATCH, "TCB Info is for FMSPC "
                    + tcbInfo.fmspc() + ", the platform's FMSPC is " + request.fmspc());
        }
        String qeId = tdx ? QeIdentity.TD_QE : QeIdentity.QE;
        if (!qeIdentity.id().equals(qeId)) {
            throw new DcapVerificationException(Reason.COLLATERAL_MISMATCH, "QE Identity is for '"
                    + qeIdentity.id() + "', a " + request.tee() + " quote needs '" + qeId + "'");
        }
    }

    /** Names of the certificates of an issuer chain of {@code item}, for messages. */
    private static List<String> names(String item, int size) {
        List<String> names = new ArrayList<>();
        names.add(item + " signing certificate");
        for (int i = 1; i < size - 1; i++) {
            names.add(item + " intermediate certificate " + i);
        }
        names.add("the " + item + " issuer chain's root certificate");
        return names;
    }
}
