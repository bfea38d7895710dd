package dev.arca.dcap.pck;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Small X.509 look-ups the DCAP checks need: common names and the raw EC point of a key. */
public final class Certificates {

    private Certificates() {
    }

    public static Optional<String> subjectCommonName(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal().getEncoded());
    }

    public static Optional<String> issuerCommonName(X509Certificate certificate) {
        return commonName(certificate.getIssuerX500Principal().getEncoded());
    }

    /** The JDK accepts names Bouncy Castle's stricter DER reading refuses; such a name has no common name. */
    private static Optional<String> commonName(byte[] encodedName) {
        try {
            return commonName(X500Name.getInstance(encodedName));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    public static Optional<String> commonName(X500Name name) {
        return attribute(name, BCStyle.CN);
    }

    private static Optional<String> attribute(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
        } catch (IllegalArgumentException notText) {
            // e.g. a UTF8String that is not UTF-8: the JDK accepts such a certificate, but it names nothing
            return Optional.empty();
        }
    }

    /** The SubjectPublicKey bit string of an EC key: the uncompressed point 0x04‖X‖Y for Intel's P-256 keys. */
    public static byte[] publicKeyPoint(X509Certificate certificate) {
        return SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getPublicKeyData().getBytes();
    }
}
