package dev.arca.rego.builtin;

import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.NullValue;
import dev.arca.rego.value.NumberValue;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * {@code crypto.parse_private_keys} and {@code crypto.x509.parse_keypair}, as OPA documents them. Keys come out in the
 * shape OPA gives them, Go's private-key structs in JSON: RSA {@code {"N", "E", "D", "Primes", "Precomputed": {"Dp",
 * "Dq", "Qinv", "CRTValues"}}} (integers as numbers), ECDSA {@code {"Curve": {}, "D", "X", "Y"}}, Ed25519 the base64 of
 * seed and public key, X25519 {@code {}}. Parsing is Bouncy Castle's (PEM blocks, PKCS#1, PKCS#8, SEC1).
 */
final class PrivateKeyBuiltins {
    private static final List<String> KEY_BLOCKS = List.of("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY");
    private static final int MAX_INPUT = 1024 * 1024;

    private PrivateKeyBuiltins() {
    }

    static void register(Builtins.Registry r) {
        // every private key of the PEM blocks (of the text, or of its base64), other blocks skipped; "" gives null
        r.add1("crypto.parse_private_keys", a -> {
            String text = Args.string(a, 0);
            if (text.isEmpty()) {
                return NullValue.NULL;
            }
            var out = new ArrayList<Value>();
            for (PemObject block : blocks(text)) {
                if (KEY_BLOCKS.contains(block.getType())) {
                    out.add(goStruct(key(block)));
                }
            }
            return new ArrayValue(out);
        });
        // Go's tls.X509KeyPair in JSON: the chain's DER, the parsed leaf, the private key, which must match the leaf
        r.add2("crypto.x509.parse_keypair", a -> {
            List<X509Certificate> chain = chain(Args.string(a, 0));
            PrivateKey key = keyOfPair(Args.string(a, 1));
            if (!matches(key, chain.getFirst())) {
                throw BuiltinException.failed("private key does not match public key");
            }
            var certs = new ArrayList<Value>();
            for (X509Certificate c : chain) {
                try {
                    certs.add(new StringValue(Base64.getEncoder().encodeToString(c.getEncoded())));
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw BuiltinException.failed("failed to encode certificate");
                }
            }
            var leaf = new TreeMap<>(((ObjectValue) X509Json.certificate(chain.getFirst())).entries());
            // Go's raw x509.Certificate has no URIStrings: OPA adds it only in parse_certificates
            leaf.remove(new StringValue("URIStrings"));
            var out = new TreeMap<Value, Value>();
            out.put(new StringValue("Certificate"), new ArrayValue(certs));
            out.put(new StringValue("Leaf"), new ObjectValue(leaf));
            out.put(new StringValue("PrivateKey"), goStruct(key));
            for (String absent : List.of("OCSPStaple", "SignedCertificateTimestamps", "SupportedSignatureAlgorithms")) {
                out.put(new StringValue(absent), NullValue.NULL);
            }
            return new ObjectValue(out);
        });
    }

    /** The PEM blocks of a text, or of its base64 decoding when it is base64 of PEM. */
    private static List<PemObject> blocks(String text) {
        if (text.length() > MAX_INPUT) {
            throw BuiltinException.failed("input too large");
        }
        String pem = text;
        if (!text.contains("-----BEGIN")) {
            try {
                pem = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        var out = new ArrayList<PemObject>();
        try (var reader = new PemReader(new StringReader(pem))) {
            for (PemObject o = reader.readPemObject(); o != null; o = reader.readPemObject()) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw BuiltinException.failed("failed to parse PEM");
        }
        return out;
    }

    private static PrivateKey key(PemObject block) {
        String pem = "-----BEGIN " + block.getType() + "-----\n"
                + Base64.getMimeEncoder().encodeToString(block.getContent()) + "\n-----END " + block.getType() + "-----\n";
        return CryptoBuiltins.privateKey(CryptoBuiltins.pem(pem));
    }

    /** The certificates of a keypair: every CERTIFICATE block of a PEM text, or one base64 DER certificate. */
    private static List<X509Certificate> chain(String text) {
        try {
            var factory = CertificateFactory.getInstance("X.509");
            var out = new ArrayList<X509Certificate>();
            if (text.contains("-----BEGIN")) {
                for (PemObject block : blocks(text)) {
                    if (block.getType().equals("CERTIFICATE")) {
                        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.getContent())));
                    }
                }
            } else {
                out.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getMimeDecoder().decode(text.strip()))));
            }
            if (out.isEmpty()) {
                throw BuiltinException.failed("failed to find any PEM data in certificate input");
            }
            return out;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw BuiltinException.failed("failed to parse certificate");
        }
    }

    /** The first private-key block of a PEM text (Go's choice), or a base64 DER key (PKCS#8, PKCS#1 or SEC1). */
    private static PrivateKey keyOfPair(String text) {
        if (text.contains("-----BEGIN")) {
            for (PemObject block : blocks(text)) {
                if (block.getType().equals("PRIVATE KEY") || block.getType().endsWith(" PRIVATE KEY")) {
                    return key(block);
                }
            }
            throw BuiltinException.failed("failed to find any PEM data in key input");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw BuiltinException.failed("key is neither PEM nor base64");
        }
        for (String type : KEY_BLOCKS) {
            try {
                return key(new PemObject(type, der));
            } catch (BuiltinException | IllegalArgumentException | IllegalStateException e) {
                // try the next encoding, as Go's tls.X509KeyPair does
            }
        }
        throw BuiltinException.failed("failed to parse private key");
    }

    /** Whether the key made a signature the certificate's public key verifies: the pair belongs together. */
    private static boolean matches(PrivateKey key, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm, CryptoBuiltins.BOUNCY_CASTLE);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, CryptoBuiltins.BOUNCY_CASTLE);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** A private key as Go's encoding/json writes the key types of crypto/rsa, crypto/ecdsa and crypto/ed25519. */
    static Value goStruct(PrivateKey key) {
        return switch (key) {
            case RSAPrivateCrtKey rsa -> {
                var precomputed = new TreeMap<Value, Value>();
                put(precomputed, "Dp", number(rsa.getPrimeExponentP()));
                put(precomputed, "Dq", number(rsa.getPrimeExponentQ()));
                put(precomputed, "Qinv", number(rsa.getCrtCoefficient()));
                put(precomputed, "CRTValues", ArrayValue.EMPTY);
                var out = new TreeMap<Value, Value>();
                put(out, "N", number(rsa.getModulus()));
                put(out, "E", number(rsa.getPublicExponent()));
                put(out, "D", number(rsa.getPrivateExponent()));
                put(out, "Primes", new ArrayValue(List.of(number(rsa.getPrimeP()), number(rsa.getPrimeQ()))));
                put(out, "Precomputed", new ObjectValue(precomputed));
                yield new ObjectValue(out);
            }
            case ECPrivateKey ec -> {
                var bc = org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util.convertSpec(ec.getParams());
                ECPoint q = bc.getG().multiply(ec.getS()).normalize();
                var out = new TreeMap<Value, Value>();
                put(out, "Curve", ObjectValue.EMPTY);
                put(out, "D", number(ec.getS()));
                put(out, "X", number(q.getAffineXCoord().toBigInteger()));
                put(out, "Y", number(q.getAffineYCoord().toBigInteger()));
                yield new ObjectValue(out);
            }
            default -> switch (key.getAlgorithm()) {
                case "Ed25519", "EdDSA" -> {
                    byte[] seed = seed(key);
                    byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
                    byte[] both = new byte[64];
                    System.arraycopy(seed, 0, both, 0, 32);
                    System.arraycopy(pub, 0, both, 32, 32);
                    yield new StringValue(Base64.getEncoder().encodeToString(both));
                }
                // Go's ecdh.PrivateKey has no exported fields
                case "X25519", "XDH" -> ObjectValue.EMPTY;
                default -> throw BuiltinException.failed("unsupported private key type " + key.getAlgorithm());
            };
        };
    }

    private static byte[] seed(PrivateKey key) {
        try {
            var info = PrivateKeyInfo.getInstance(key.getEncoded());
            byte[] seed = org.bouncycastle.asn1.ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            if (seed.length != 32) {
                throw BuiltinException.failed("invalid Ed25519 key");
            }
            return seed;
        } catch (IOException | IllegalArgumentException e) {
            throw BuiltinException.failed("invalid Ed25519 key");
        }
    }

    private static NumberValue number(BigInteger i) {
        return new NumberValue(new BigDecimal(i));
    }

    private static void put(Map<Value, Value> out, String key, Value value) {
        out.put(new StringValue(key), value);
    }
}
