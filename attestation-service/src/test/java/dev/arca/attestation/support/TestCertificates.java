package dev.arca.attestation.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Issues a real root CA and a leaf certificate for a token signing key, as an operator's PKI would. */
public final class TestCertificates {

    /** A root and the chain (leaf, root) to configure. */
    public record Chain(X509Certificate root, List<X509Certificate> chain) {

        public String pem() {
            StringBuilder out = new StringBuilder();
            for (X509Certificate certificate : chain) {
                out.append(TestCertificates.pem(certificate));
            }
            return out.toString();
        }
    }

    private TestCertificates() {
    }

    public static Chain issue(KeyPair tokenKey) {
        KeyPair rootKey = AttestationServiceTestBase.p256();
        X509Certificate root = certificate("CN=Arca Test Root", rootKey, "CN=Arca Test Root", rootKey, true);
        X509Certificate leaf = certificate("CN=Arca Test Root", rootKey, "CN=arca-attestation-service", tokenKey,
                false);
        return new Chain(root, List.of(leaf, root));
    }

    public static X509Certificate selfSigned(KeyPair key, String subject) {
        return certificate(subject, key, subject, key, false);
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String issuer, KeyPair issuerKey, String subject, KeyPair subjectKey,
            boolean ca) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }
}
