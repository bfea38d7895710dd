package dev.arca.dcap.pck;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM certificate chains as Intel ships them: in quotes (type-5 certification data) and in issuer-chain headers. */
public final class PemCertificates {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    private PemCertificates() {
    }

    /**
     * @throws CertificateException when there is no certificate or a block does not decode to an X.509 certificate
     */
    public static List<X509Certificate> parse(byte[] pem) throws CertificateException {
        return parse(new String(pem, StandardCharsets.US_ASCII));
    }

    public static List<X509Certificate> parse(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        int expectedBlocks = countOccurrences(pem, "-----BEGIN CERTIFICATE-----");
        while (matcher.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(matcher.group(1));
            } catch (IllegalArgumentException e) {
                throw new CertificateException("certificate " + (certificates.size() + 1) + " is not base64", e);
            }
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no PEM certificate found");
        }
        if (certificates.size() != expectedBlocks) {
            throw new CertificateException("a PEM certificate block is not well formed");
        }
        return List.copyOf(certificates);
    }

    public static X509Certificate parseDer(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static int countOccurrences(String text, String token) {
        int count = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
            count++;
        }
        return count;
    }
}
