package dev.arca.agent.kbs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS to a KBS with a pinned trust anchor (guest-components attestation-agent README {@code token_configs.kbs.cert}):
 * the PEM holds the KBS's own certificate or the CA that issued it, and the resulting context trusts those certificates
 * and nothing else — not the JDK's default CAs. Host-name verification stays on (the JDK HTTP client checks the name
 * against the certificate whichever anchor it chains to).
 */
public final class KbsTls {

    private KbsTls() {
    }

    /** A context trusting exactly the certificates in {@code pem} (PEM text, one or more certificates). */
    public static SSLContext trustingOnly(String pem) throws GeneralSecurityException {
        List<X509Certificate> anchors = certificates(pem);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory trust store", e);
        }
        for (int i = 0; i < anchors.size(); i++) {
            store.setCertificateEntry("kbs-anchor-" + i, anchors.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Reads a PEM file of pinned certificates. */
    public static SSLContext trustingOnly(Path pemFile) throws IOException, GeneralSecurityException {
        return trustingOnly(Files.readString(pemFile, StandardCharsets.US_ASCII));
    }

    static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : factory.generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the pinned KBS certificate PEM");
        }
        return certificates;
    }
}
