package dev.arca.model.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes PEM keys (SPKI public keys, PKCS#8 private keys, X.509 certificates) of EC, RSA and Ed25519. */
public final class PemKeys {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    private static final List<String> ALGORITHMS = List.of("EC", "RSA", "Ed25519");

    private PemKeys() {
    }

    public static List<PublicKey> readPublicKeys(Path file) throws IOException {
        return parsePublicKeys(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** Every PUBLIC KEY block and the key of every CERTIFICATE block, in file order. */
    public static List<PublicKey> parsePublicKeys(String pem) {
        List<PublicKey> keys = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PUBLIC KEY" -> keys.add(publicKey(der));
                case "CERTIFICATE" -> keys.add(certificate(der).getPublicKey());
                default -> { }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no PUBLIC KEY or CERTIFICATE block in PEM text");
        }
        return keys;
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public static PrivateKey parsePrivateKey(String pem) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if ("PRIVATE KEY".equals(m.group(1))) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                for (String algorithm : ALGORITHMS) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (Exception notThisAlgorithm) {
                        // try the next algorithm
                    }
                }
                throw new IllegalArgumentException("PRIVATE KEY is neither EC, RSA nor Ed25519");
            }
        }
        throw new IllegalArgumentException("no PKCS#8 PRIVATE KEY block in PEM text");
    }

    public static PublicKey publicKey(byte[] spki) {
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
            } catch (Exception notThisAlgorithm) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("PUBLIC KEY is neither EC, RSA nor Ed25519");
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable CERTIFICATE block", e);
        }
    }

    public static String toPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
