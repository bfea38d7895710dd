package dev.arca.dcap.testpki;

import dev.arca.dcap.collateral.SignedJson;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.IntelRootCa;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TEST certificate hierarchy shaped like Intel's DCAP PKI (Intel SGX PCK Certificate and CRL Profile
 * Specification): a self-signed root named "Intel SGX Root CA", the PCK Platform and Processor CAs, the TCB signing
 * certificate, PCK leaves with the SGX extensions, the Root CA and PCK CRLs, and signed TCB Info / QE Identity
 * documents. Every key is generated here, in the test; nothing is Intel's. The names are Intel's because the
 * verifier reads them (PCK CA type, TCB signing certificate); the organisation says "Arca Test PKI".
 *
 * <p>The verifier trusts this root only when its fingerprint is pinned ({@link #trustAnchor()}); that pin is the one
 * thing a test swaps — the verification code is production's.
 */
public final class TestPki {

    /** Validity of every certificate unless a test asks otherwise. */
    public static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2045-01-01T00:00:00Z");
    /** An instant inside every default window (certificates, CRLs, collateral documents). */
    public static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    private static final String ORG = ", O=Arca Test PKI, L=Nowhere, C=XX";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** Certificate serials, unique across every hierarchy of a run (a CRL entry must hit one certificate only). */
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFFFFFFL);

    private final AtomicLong crlNumbers = new AtomicLong(0x1000);
    private final KeyPair rootKey;
    private final X509Certificate root;
    private final KeyPair platformKey;
    private final X509Certificate platformCa;
    private final KeyPair processorKey;
    private final X509Certificate processorCa;
    private final KeyPair tcbSigningKey;
    private final X509Certificate tcbSigning;

    private TestPki(Instant notBefore, Instant notAfter) {
        rootKey = keyPair();
        root = certificate(name(IntelRootCa.COMMON_NAME), rootKey, name(IntelRootCa.COMMON_NAME), rootKey, true,
                notBefore, notAfter);
        platformKey = keyPair();
        platformCa = certificate(name(PckCaType.PLATFORM.commonName()), platformKey, name(IntelRootCa.COMMON_NAME),
                rootKey, true, notBefore, notAfter);
        processorKey = keyPair();
        processorCa = certificate(name(PckCaType.PROCESSOR.commonName()), processorKey,
                name(IntelRootCa.COMMON_NAME), rootKey, true, notBefore, notAfter);
        tcbSigningKey = keyPair();
        tcbSigning = certificate(name("Intel SGX TCB Signing"), tcbSigningKey, name(IntelRootCa.COMMON_NAME),
                rootKey, false, notBefore, notAfter);
    }

    /** A fresh hierarchy valid from 2020 to 2045. */
    public static TestPki create() {
        return new TestPki(NOT_BEFORE, NOT_AFTER);
    }

    /** A fresh hierarchy whose certificates are valid only in [notBefore, notAfter]. */
    public static TestPki valid(Instant notBefore, Instant notAfter) {
        return new TestPki(notBefore, notAfter);
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate pckCa(PckCaType type) {
        return type == PckCaType.PLATFORM ? platformCa : processorCa;
    }

    public X509Certificate tcbSigning() {
        return tcbSigning;
    }

    /** Hex SHA-256 of the root's DER, what a verifier pins. */
    public String rootFingerprint() {
        return fingerprint(root);
    }

    /** A pin on this hierarchy's root, and only on it. */
    public IntelRootCa trustAnchor() {
        return IntelRootCa.pinnedTo(Set.of(rootFingerprint()));
    }

    /** The TCB signing certificate and the root: the issuer chain of TCB Info and QE Identity. */
    public List<X509Certificate> tcbSigningChain() {
        return List.of(tcbSigning, root);
    }

    /** The PCK CA and the root: the issuer chain of a PCK CRL. */
    public List<X509Certificate> pckCrlIssuerChain(PckCaType type) {
        return List.of(pckCa(type), root);
    }

    /** Issues a PCK leaf for {@code platform}, signed by its PCK CA. */
    public IssuedPck issuePck(PckProfile platform) {
        return issuePck(platform, NOT_BEFORE, NOT_AFTER);
    }

    public IssuedPck issuePck(PckProfile platform, Instant notBefore, Instant notAfter) {
        KeyPair key = keyPair();
        PckCaType type = platform.caType();
        KeyPair issuerKey = type == PckCaType.PLATFORM ? platformKey : processorKey;
        X509Certificate leaf = build(name("Intel SGX PCK Certificate"), key, name(type.commonName()), issuerKey,
                notBefore, notAfter, new BasicConstraints(false),
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation), platform.sgxExtension());
        return new IssuedPck(leaf, key.getPrivate(), List.of(leaf, pckCa(type), root));
    }

    /** The Root CA CRL, revoking the given serials (of PCK CAs or the TCB signing certificate). */
    public byte[] rootCaCrl(Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        return crl(name(IntelRootCa.COMMON_NAME), rootKey, thisUpdate, nextUpdate, revoked);
    }

    /** A PCK CRL of the {@code type} CA, revoking the given PCK leaf serials. */
    public byte[] pckCrl(PckCaType type, Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        return crl(name(type.commonName()), type == PckCaType.PLATFORM ? platformKey : processorKey, thisUpdate,
                nextUpdate, revoked);
    }

    /** Signs a TCB Info or QE Identity body with the TCB signing key: ECDSA P-256 over the exact bytes, raw r‖s. */
    public SignedJson signCollateral(String body) {
        return signCollateral(body, tcbSigningKey.getPrivate(), tcbSigningChain());
    }

    /** Signs with any key and issuer chain (a forged document, another hierarchy's chain). */
    public static SignedJson signCollateral(String body, PrivateKey key, List<X509Certificate> chain) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            return SignedJson.of(bytes, HexFormat.of().formatHex(rawSignature(key, bytes)), chain);
        } catch (dev.arca.dcap.DcapVerificationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ECDSA P-256 with SHA-256, as the raw 64-byte r‖s that quotes and collateral carry. */
    public static byte[] rawSignature(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withPLAIN-ECDSA", EcdsaP256.PROVIDER);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM of certificates, leaf first, as the quote's certification data type 5 and PCS headers carry them. */
    public static String pem(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(EcdsaP256.sha256(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed root of another hierarchy, with the same name as this one's. */
    public static KeyPairAndCertificate foreignRoot() {
        KeyPair key = keyPair();
        return new KeyPairAndCertificate(key, certificate(name(IntelRootCa.COMMON_NAME), key,
                name(IntelRootCa.COMMON_NAME), key, true, NOT_BEFORE, NOT_AFTER));
    }

    /** A key with a certificate, for tests that forge a piece of the hierarchy. */
    public record KeyPairAndCertificate(KeyPair key, X509Certificate certificate) {
    }

    /** A certificate named {@code subject}, issued by {@code issuer} with {@code issuerKey}. */
    public static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
            boolean ca, Instant notBefore, Instant notAfter) {
        return build(subject, subjectKey, issuer, issuerKey, notBefore, notAfter,
                ca ? new BasicConstraints(0) : new BasicConstraints(false),
                new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation), null);
    }

    /** A DN with the given CN and the test organisation. */
    public static String name(String commonName) {
        return "CN=" + commonName + ORG;
    }

    private static X509Certificate build(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
            Instant notBefore, Instant notAfter, BasicConstraints constraints, KeyUsage usage,
            ASN1Encodable sgxExtension) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, constraints);
            builder.addExtension(Extension.keyUsage, true, usage);
            if (sgxExtension != null) {
                builder.addExtension(PckProfile.SGX_EXTENSIONS, false, sgxExtension);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(EcdsaP256.PROVIDER)
                            .build(issuerKey.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] crl(String issuer, KeyPair signer, Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(new X500Name(issuer), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(
                    crlNumbers.incrementAndGet())));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(
                    SIGNATURE_ALGORITHM).setProvider(EcdsaP256.PROVIDER).build(signer.getPrivate())));
            return crl.getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
