package dev.arca.dcap.trust;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies an Intel certificate chain (PCK chain, TCB signing chain, PCK CRL issuer chain) up to a pinned root: the
 * last certificate must be a trusted root ({@link IntelRootCa#requireTrusted}), each other certificate
 * must be signed by the next one and name it as issuer, and every issuer must be a CA. Validity periods are returned
 * as windows rather than checked here, so a verified chain can be cached and checked cheaply at each instant.
 */
public final class ChainVerifier {

    private final IntelRootCa root;

    public ChainVerifier(IntelRootCa root) {
        this.root = root;
    }

    public IntelRootCa root() {
        return root;
    }

    /**
     * @param chain  leaf first, root last
     * @param names  one name per certificate for messages and windows ("PCK leaf certificate", …)
     * @param reason the reason to refuse with (PCK_CHAIN for quotes, COLLATERAL_INVALID for collateral)
     * @return the validity window of each certificate, in chain order
     */
    public List<ValidityWindow> verify(List<X509Certificate> chain, List<String> names, Reason reason)
            throws DcapVerificationException {
        if (chain.size() < 2 || chain.size() != names.size()) {
            throw new DcapVerificationException(reason, "a chain needs at least a signer and the root");
        }
        root.requireTrusted(chain.getLast(), names.getLast(), reason);
        List<ValidityWindow> windows = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            if (i + 1 < chain.size()) {
                X509Certificate issuer = chain.get(i + 1);
                if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    throw new DcapVerificationException(reason, names.get(i) + " is not issued by "
                            + Certificates.subjectCommonName(issuer).orElse("the next certificate"));
                }
                if (issuer.getBasicConstraints() < 0) {
                    throw new DcapVerificationException(reason, names.get(i + 1) + " is not a CA certificate");
                }
                verifySignature(certificate, issuer, names.get(i) + " signature", reason);
            }
            windows.add(new ValidityWindow(names.get(i), certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(), true));
        }
        return List.copyOf(windows);
    }

    private static void verifySignature(X509Certificate certificate, X509Certificate issuer, String what,
            Reason reason) throws DcapVerificationException {
        try {
            certificate.verify(issuer.getPublicKey(), EcdsaP256.PROVIDER);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DcapVerificationException(reason, what + " does not verify");
        }
    }
}
