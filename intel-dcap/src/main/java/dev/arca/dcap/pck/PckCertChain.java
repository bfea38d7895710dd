package dev.arca.dcap.pck;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The PCK certificate chain from a quote's type-5 certification data: leaf, intermediate (Platform or Processor CA),
 * root (Intel SGX ECDSA Quote Library API, certification data type 5). Parsing does not
 * establish trust; {@code dev.arca.dcap.verify.PckChainVerifier} does.
 */
public record PckCertChain(X509Certificate leaf, X509Certificate intermediate, X509Certificate root,
        PckCaType caType, SgxExtensions extensions, byte[] pem) {

    public static PckCertChain parse(byte[] pem) throws DcapVerificationException {
        List<X509Certificate> certificates;
        try {
            certificates = PemCertificates.parse(pem);
        } catch (CertificateException | RuntimeException e) {
            throw new DcapVerificationException(Reason.PCK_CHAIN, "PCK chain unparsable: " + e.getMessage(), e);
        }
        if (certificates.size() != 3) {
            throw new DcapVerificationException(Reason.PCK_CHAIN,
                    "PCK chain has " + certificates.size() + " certificates, expected leaf, intermediate and root");
        }
        X509Certificate leaf = certificates.get(0);
        X509Certificate intermediate = certificates.get(1);
        String caName = Certificates.subjectCommonName(intermediate).orElse("");
        PckCaType caType = PckCaType.fromCommonName(caName).orElseThrow(() -> new DcapVerificationException(
                Reason.PCK_CHAIN, "PCK intermediate '" + caName + "' is neither the Platform nor the Processor CA"));
        String leafName = Certificates.subjectCommonName(leaf).orElse("");
        if (!leafName.contains("SGX PCK Certificate")) {
            throw new DcapVerificationException(Reason.PCK_CHAIN, "PCK leaf '" + leafName
                    + "' is not an SGX PCK Certificate");
        }
        return new PckCertChain(leaf, intermediate, certificates.get(2), caType, SgxExtensionParser.parse(leaf),
                pem.clone());
    }
}
