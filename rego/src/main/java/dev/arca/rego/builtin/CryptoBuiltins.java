package dev.arca.rego.builtin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import dev.arca.rego.value.ArrayValue;
import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * {@code crypto.hmac.*} and {@code crypto.x509.*}: MACs through the JDK, certificates through the JDK's X.509 and PKIX
 * implementations, certificate requests and private keys through Bouncy Castle, JWKs through Nimbus. Parsed
 * certificates have the shape of Go's {@code x509.Certificate} in JSON, as OPA returns them ({@link X509Json}).
 */
final class CryptoBuiltins {
    /**
     * Bouncy Castle as the provider of keys read from PEM: the JDK has no {@code ECDSA} key factory, the name PEM
     * conversion asks for EC keys.
     */
    static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private CryptoBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add2("crypto.hmac.md5", a -> hmac("HmacMD5", a));
        r.add2("crypto.hmac.sha1", a -> hmac("HmacSHA1", a));
        r.add2("crypto.hmac.sha256", a -> hmac("HmacSHA256", a));
        r.add2("crypto.hmac.sha512", a -> hmac("HmacSHA512", a));
        // constant time, as OPA documents: a MAC comparison must not leak how many leading bytes matched
        r.add2("crypto.hmac.equal", a -> BoolValue.of(MessageDigest.isEqual(
                Args.string(a, 0).getBytes(StandardCharsets.UTF_8), Args.string(a, 1).getBytes(StandardCharsets.UTF_8))));
        r.add1("crypto.x509.parse_certificates", a -> {
            var out = new ArrayList<Value>();
            certificates(Args.string(a, 0)).forEach(c -> out.add(X509Json.certificate(c)));
            return new ArrayValue(out);
        });
        r.add("crypto.x509.parse_and_verify_certificates", 1,
                (a, cx) -> verifiedChain(Args.string(a, 0), Date.from(cx.now())));
        r.add1("crypto.x509.parse_certificate_request", a -> X509Json.request(certificateRequest(Args.string(a, 0))));
        r.add1("crypto.x509.parse_rsa_private_key", a -> {
            PrivateKey key = privateKey(pem(Args.string(a, 0)));
            if (!(key instanceof java.security.interfaces.RSAPrivateCrtKey rsa)) {
                throw BuiltinException.failed("not an RSA private key");
            }
            var jwk = new com.nimbusds.jose.jwk.RSAKey.Builder(
                    (RSAPublicKey) rsaPublic(rsa)).privateKey(rsa).build();
            return Json.parse(jwk.toJSONString());
        });
    }

    private static Value hmac(String algorithm, List<Value> a) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            byte[] key = Args.string(a, 1).getBytes(StandardCharsets.UTF_8);
            // an empty key is legal for HMAC but refused by SecretKeySpec: one zero byte pads to the same block
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return new StringValue(HexFormat.of().formatHex(mac.doFinal(Args.string(a, 0).getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.failed(algorithm + " unavailable");
        }
    }

    /**
     * PEM text, base64 of PEM text, or base64 of DER: OPA accepts all three. Certificates in the order given.
     */
    static List<X509Certificate> certificates(String text) {
        byte[] bytes = pemOrBase64(text);
        try {
            var factory = CertificateFactory.getInstance("X.509");
            var out = new ArrayList<X509Certificate>();
            factory.generateCertificates(new ByteArrayInputStream(bytes)).forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw BuiltinException.failed("no certificates found");
            }
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw BuiltinException.failed("failed to parse certificates");
        }
    }

    private static byte[] pemOrBase64(String text) {
        String s = text.strip();
        if (s.startsWith("-----BEGIN")) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.failed("input is neither PEM nor base64");
        }
    }

    /**
     * The first certificate is the root, the last the leaf, the others intermediates (OPA's order); valid when PKIX
     * accepts the path at the query's time (no revocation check, as OPA). Returns {@code [valid, chain]} with the
     * chain from leaf to root, or {@code [false, []]}.
     */
    static Value verifiedChain(String text, Date at) {
        return verifiedChain(text, at, path -> true);
    }

    /** As above, with further checks of the validated path (leaf first) that must also hold. */
    static Value verifiedChain(String text, Date at, java.util.function.Predicate<List<X509Certificate>> accepted) {
        ArrayValue invalid = new ArrayValue(List.of(BoolValue.FALSE, ArrayValue.EMPTY));
        List<X509Certificate> certs;
        try {
            certs = certificates(text);
        } catch (BuiltinException e) {
            return invalid;
        }
        if (certs.size() < 2) {
            return invalid;
        }
        try {
            X509Certificate root = certs.get(0);
            var path = new ArrayList<X509Certificate>(certs.subList(1, certs.size()));
            Collections.reverse(path);
            var factory = CertificateFactory.getInstance("X.509");
            var params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            params.setDate(at);
            params.addCertStore(java.security.cert.CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(path)));
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), params);
            if (!accepted.test(path)) {
                return invalid;
            }
            var out = new ArrayList<Value>();
            path.forEach(c -> out.add(X509Json.certificate(c)));
            out.add(X509Json.certificate(root));
            return new ArrayValue(List.of(BoolValue.TRUE, new ArrayValue(out)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return invalid;
        }
    }

    private static PKCS10CertificationRequest certificateRequest(String text) {
        byte[] bytes = pemOrBase64(text);
        try {
            if (new String(bytes, StandardCharsets.US_ASCII).strip().startsWith("-----BEGIN")) {
                Object o = pem(new String(bytes, StandardCharsets.US_ASCII));
                if (o instanceof PKCS10CertificationRequest csr) {
                    return csr;
                }
                throw BuiltinException.failed("PEM block is not a certificate request");
            }
            return new PKCS10CertificationRequest(bytes);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BuiltinException be) {
                throw be;
            }
            throw BuiltinException.failed("failed to parse certificate request");
        }
    }

    /** The first PEM object of a text, or of base64 of a PEM text. */
    static Object pem(String text) {
        String s = text.strip();
        if (!s.startsWith("-----BEGIN")) {
            s = new String(pemOrBase64(s), StandardCharsets.US_ASCII);
        }
        try (var parser = new PEMParser(new StringReader(s))) {
            Object o = parser.readObject();
            if (o == null) {
                throw BuiltinException.failed("no PEM block found");
            }
            return o;
        } catch (IOException | RuntimeException e) {
            if (e instanceof BuiltinException be) {
                throw be;
            }
            throw BuiltinException.failed("failed to parse PEM");
        }
    }

    static PrivateKey privateKey(Object pem) {
        try {
            var converter = new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE);
            return switch (pem) {
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                default -> throw BuiltinException.failed("PEM block is not a private key");
            };
        } catch (IOException e) {
            throw BuiltinException.failed("failed to parse private key");
        }
    }

    private static java.security.PublicKey rsaPublic(java.security.interfaces.RSAPrivateCrtKey key) {
        try {
            return java.security.KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.failed("invalid RSA key");
        }
    }

    /** Public keys a JWT may be verified with: a PEM certificate or public key, a JWK or a JWK set (JSON). */
    static List<java.security.PublicKey> publicKeys(String text) {
        String s = text.strip();
        var out = new ArrayList<java.security.PublicKey>();
        try {
            if (s.startsWith("{")) {
                var object = com.nimbusds.jose.util.JSONObjectUtils.parse(s);
                List<JWK> keys = object.containsKey("keys")
                        ? com.nimbusds.jose.jwk.JWKSet.parse(object).getKeys() : List.of(JWK.parse(object));
                for (JWK k : keys) {
                    switch (k) {
                        case com.nimbusds.jose.jwk.RSAKey rsa -> out.add(rsa.toRSAPublicKey());
                        case com.nimbusds.jose.jwk.ECKey ec -> out.add(ec.toECPublicKey());
                        case com.nimbusds.jose.jwk.OctetKeyPair okp -> Ed25519Jws.publicKey(okp).ifPresent(out::add);
                        default -> {
                            // oct keys verify no public-key signature
                        }
                    }
                }
                return out;
            }
            if (s.contains("BEGIN CERTIFICATE")) {
                certificates(s).forEach(c -> out.add(c.getPublicKey()));
                return out;
            }
            Object o = pem(s);
            if (o instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info) {
                out.add(new JcaPEMKeyConverter().getPublicKey(info));
                return out;
            }
            throw BuiltinException.failed("key must be a PEM certificate, a PEM public key, a JWK or a JWK set");
        } catch (java.text.ParseException | JOSEException | IOException e) {
            throw BuiltinException.failed("failed to parse key");
        }
    }
}
