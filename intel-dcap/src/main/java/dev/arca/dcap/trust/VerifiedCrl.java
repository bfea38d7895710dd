package dev.arca.dcap.trust;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * A CRL whose signature has been verified by the key named in {@code signerKey} (uncompressed point). Revocation
 * is by serial number of a certificate issued by the CRL's issuer.
 */
public record VerifiedCrl(X509CRL crl, byte[] signerKey, ValidityWindow window) {

    public boolean revokes(X509Certificate certificate) {
        return crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
                && crl.getRevokedCertificate(certificate.getSerialNumber()) != null;
    }

    /** The CRL Number extension (RFC 5280 §5.2.3), the DCAP supplemental pck_crl_num / root_ca_crl_num. */
    public Optional<BigInteger> crlNumber() {
        return crlNumber(crl);
    }

    /** The CRL Number extension of any CRL, verified or not. */
    public static Optional<BigInteger> crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
