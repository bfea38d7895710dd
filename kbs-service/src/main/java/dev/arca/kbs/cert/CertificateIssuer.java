package dev.arca.kbs.cert;

import dev.arca.model.admin.PemKeys;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs short-lived end-entity certificates for attested guests: the requested subject and subjectAltName, the CSR's
 * key, {@code arca.kbs.cert.validity} (never beyond the CA's own expiry), a random serial, CA:false, key usage for
 * signatures (and key encipherment for RSA keys), extended key usage serverAuth and clientAuth.
 */
public final class CertificateIssuer {

    /** Tolerance for guests whose clocks run slightly behind. */
    static final Duration BACKDATE = Duration.ofMinutes(1);

    private final CertificateAuthority ca;
    private final Duration validity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CertificateIssuer(CertificateAuthority ca, Duration validity, Clock clock) {
        this.ca = ca;
        this.validity = validity;
        this.clock = clock;
    }

    public X509Certificate issue(SigningRequest request) {
        Instant now = clock.instant();
        Instant notAfter = now.plus(validity);
        Instant caExpiry = ca.certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(caExpiry)) {
            notAfter = caExpiry;
        }
        if (!notAfter.isAfter(now)) {
            throw new IllegalStateException("the certificate CA has expired");
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(),
                    new BigInteger(159, random).add(BigInteger.ONE), Date.from(now.minus(BACKDATE)),
                    Date.from(notAfter), request.x500(), request.key());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature | (request.key() instanceof RSAPublicKey ? KeyUsage.keyEncipherment : 0);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(request.key()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(ca.certificate()));
            if (request.names() != null) {
                // RFC 5280 §4.2.1.6: critical when the subject is empty
                builder.addExtension(Extension.subjectAlternativeName, request.x500().getRDNs().length == 0,
                        request.names());
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm()).build(ca.key())));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate: " + e.getMessage(), e);
        }
    }

    /** The issued certificate followed by the CA chain, as PEM. */
    public String chainPem(X509Certificate issued) {
        StringBuilder pem = new StringBuilder();
        try {
            pem.append(PemKeys.pem("CERTIFICATE", issued.getEncoded()));
            for (X509Certificate certificate : ca.chain()) {
                pem.append(PemKeys.pem("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return pem.toString();
    }

    private String signatureAlgorithm() {
        return switch (ca.key().getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalStateException("unsupported CA key type " + ca.key().getAlgorithm());
        };
    }
}
