package dev.arca.snp.cert;

import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Reads AMD certificates and CRLs with the JDK's X.509 parser (it accepts the serial number 0 of VCEKs and VLEKs and
 * their RSASSA-PSS signature parameters). Every failure is a typed MALFORMED refusal naming what was read.
 */
public final class Certificates {

    private Certificates() {
    }

    /** One DER certificate, exactly: trailing bytes are refused. */
    public static X509Certificate der(byte[] der, String what) throws SnpVerificationException {
        List<X509Certificate> certificates = all(der, what);
        if (certificates.size() != 1) {
            throw new SnpVerificationException(Reason.MALFORMED, what + " is not one X.509 certificate");
        }
        return certificates.getFirst();
    }

    /** Every certificate of a DER certificate or a PEM bundle, in order. */
    public static List<X509Certificate> all(byte[] encoded, String what) throws SnpVerificationException {
        if (encoded == null || encoded.length == 0) {
            throw new SnpVerificationException(Reason.MALFORMED, what + " is empty");
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : factory().generateCertificates(new ByteArrayInputStream(encoded))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new SnpVerificationException(Reason.MALFORMED, what + " holds no certificate");
            }
            return List.copyOf(certificates);
        } catch (CertificateException | RuntimeException e) {
            throw new SnpVerificationException(Reason.MALFORMED, what + " is not a readable X.509 certificate");
        }
    }

    /** A CRL, DER or PEM. */
    public static X509CRL crl(byte[] encoded, String what) throws SnpVerificationException {
        if (encoded == null || encoded.length == 0) {
            throw new SnpVerificationException(Reason.MALFORMED, what + " is empty");
        }
        try {
            return (X509CRL) factory().generateCRL(new ByteArrayInputStream(encoded));
        } catch (CRLException | CertificateException | RuntimeException e) {
            throw new SnpVerificationException(Reason.MALFORMED, what + " is not a readable X.509 CRL");
        }
    }

    /** The subject's single common name, when it has exactly one. */
    public static Optional<String> commonName(X509Certificate certificate) {
        try {
            List<String> names = new ArrayList<>();
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
            return names.size() == 1 ? Optional.of(names.getFirst()) : Optional.empty();
        } catch (InvalidNameException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }
}
