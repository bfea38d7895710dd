package dev.arca.snp.testpki;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.cert.AmdRootKeys;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TEST certificate hierarchy shaped like AMD's SEV-SNP PKI (AMD pub. 57230): per generation an ARK, an ASK and an
 * ASVK (RSA, RSASSA-PSS SHA-384 salt 48), VCEKs and VLEKs (P-384, serial 0, AMD extensions) and the ARK's CRLs. Every
 * key is generated here; nothing is AMD's. The names are AMD's because the verifier reads them (ARK-Milan, SEV-Milan,
 * SEV-VLEK-Milan, SEV-VCEK); the organisation says "Arca Test PKI". The verifier trusts these ARKs only when
 * {@link #roots()} pins them — the one thing a test swaps.
 *
 * <p>RSA keys are 2048 bits (AMD's are 4096) to keep the tests fast; the signature scheme is AMD's.
 */
public final class AmdTestPki {

    public static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2045-01-01T00:00:00Z");
    /** An instant inside every default window. */
    public static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    static final String PSS = "SHA384WITHRSAANDMGF1";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final String ORG = ", OU=Engineering, O=Arca Test PKI, L=Nowhere, C=XX";
    private static final AtomicLong SERIALS = new AtomicLong(0x10001);

    /**
     * RSA key generation is slow (seconds on a loaded machine), so the generations share three keys (ARK, ASK, ASVK)
     * and every hierarchy made by {@link #createHierarchy} shares three others: a rogue or expired hierarchy never
     * has the keys of the pinned ones.
     */
    private static final KeyPair[] PINNED_KEYS = new KeyPair[3];
    private static final KeyPair[] OTHER_KEYS = new KeyPair[3];

    private final Map<ProcessorGeneration, Hierarchy> hierarchies = new EnumMap<>(ProcessorGeneration.class);

    /** The CA certificates of one generation. */
    public record Hierarchy(ProcessorGeneration generation, KeyPair arkKey, X509Certificate ark, KeyPair askKey,
            X509Certificate ask, KeyPair asvkKey, X509Certificate asvk) {

        public X509Certificate intermediate(SigningKey kind) {
            return kind == SigningKey.VCEK ? ask : asvk;
        }

        public KeyPair intermediateKey(SigningKey kind) {
            return kind == SigningKey.VCEK ? askKey : asvkKey;
        }
    }

    /** A VCEK/VLEK and its private key. */
    public record IssuedKey(X509Certificate certificate, KeyPair keyPair, SigningKey kind,
            ProcessorGeneration generation) {

        public byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A hierarchy for every generation, each created on first use. */
    public AmdTestPki() {
    }

    public synchronized Hierarchy hierarchy(ProcessorGeneration generation) {
        return hierarchies.computeIfAbsent(generation, g -> createHierarchy(g, NOT_BEFORE, NOT_AFTER, PINNED_KEYS));
    }

    /** Pins the ARKs of this PKI (the generations used so far and the others, created now). */
    public AmdRootKeys roots() {
        Map<ProcessorGeneration, String> pins = new EnumMap<>(ProcessorGeneration.class);
        for (ProcessorGeneration generation : ProcessorGeneration.values()) {
            pins.put(generation, fingerprint(hierarchy(generation).ark()));
        }
        return AmdRootKeys.pinnedTo(pins);
    }

    /** A hierarchy with its own keys and validity (expired or not-yet-valid ARKs), not pinned by {@link #roots()}. */
    public static Hierarchy createHierarchy(ProcessorGeneration generation, Instant notBefore, Instant notAfter) {
        return createHierarchy(generation, notBefore, notAfter, OTHER_KEYS);
    }

    private static Hierarchy createHierarchy(ProcessorGeneration generation, Instant notBefore, Instant notAfter,
            KeyPair[] keys) {
        String product = generation.productName();
        KeyPair arkKey = key(keys, 0);
        X509Certificate ark = certificate("CN=ARK-" + product + ORG, arkKey, "CN=ARK-" + product + ORG, arkKey,
                true, notBefore, notAfter, BigInteger.valueOf(SERIALS.incrementAndGet()), null);
        KeyPair askKey = key(keys, 1);
        X509Certificate ask = certificate("CN=SEV-" + product + ORG, askKey, "CN=ARK-" + product + ORG, arkKey, true,
                notBefore, notAfter, BigInteger.valueOf(SERIALS.incrementAndGet()), null);
        KeyPair asvkKey = key(keys, 2);
        X509Certificate asvk = certificate("CN=SEV-VLEK-" + product + ORG, asvkKey, "CN=ARK-" + product + ORG, arkKey,
                true, notBefore, notAfter, BigInteger.valueOf(SERIALS.incrementAndGet()), null);
        return new Hierarchy(generation, arkKey, ark, askKey, ask, asvkKey, asvk);
    }

    /** A VCEK for a chip at a TCB, valid in the default window. */
    public IssuedKey vcek(ProcessorGeneration generation, byte[] chipId, TcbVersion tcb) {
        return issue(hierarchy(generation), SigningKey.VCEK, EndorsementProfile.vcek(generation, chipId, tcb));
    }

    /** A VLEK for a cloud provider at a TCB, valid in the default window. */
    public IssuedKey vlek(ProcessorGeneration generation, TcbVersion tcb, String cspId) {
        return issue(hierarchy(generation), SigningKey.VLEK, EndorsementProfile.vlek(generation, tcb, cspId));
    }

    /** Any endorsement key: the profile says which extensions, encodings, names and window it has. */
    public static IssuedKey issue(Hierarchy hierarchy, SigningKey issuerKind, EndorsementProfile profile) {
        KeyPair key = ec384();
        X509Certificate issuer = hierarchy.intermediate(issuerKind);
        X509Certificate certificate = certificate(new X500Name("CN=" + profile.commonName() + ORG), key,
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                hierarchy.intermediateKey(issuerKind), false,
                profile.notBefore(), profile.notAfter(), BigInteger.ZERO, profile);
        return new IssuedKey(certificate, key, profile.kind(), hierarchy.generation());
    }

    /** The ASK‖ARK (VCEK) or ASVK‖ARK (VLEK) PEM the KDS serves as cert_chain. */
    public byte[] certChainPem(ProcessorGeneration generation, SigningKey kind) {
        Hierarchy hierarchy = hierarchy(generation);
        return pem(hierarchy.intermediate(kind), hierarchy.ark());
    }

    /** The ARK's CRL, listing the intermediates given (DER). */
    public byte[] crl(ProcessorGeneration generation, Instant thisUpdate, Instant nextUpdate,
            X509Certificate... revoked) {
        Hierarchy hierarchy = hierarchy(generation);
        return crl(hierarchy.ark(), hierarchy.arkKey(), thisUpdate, nextUpdate, revoked);
    }

    public static byte[] crl(X509Certificate issuer, KeyPair issuerKey, Instant thisUpdate, Instant nextUpdate,
            X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            X509CRL crl = new JcaX509CRLConverter().setProvider(BC).getCRL(builder.build(signer(issuerKey)));
            return crl.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pem(X509Certificate... certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
            boolean ca, Instant notBefore, Instant notAfter, BigInteger serial, EndorsementProfile profile) {
        return certificate(new X500Name(subject), subjectKey, new X500Name(issuer), issuerKey, ca, notBefore, notAfter,
                serial, profile);
    }

    static X509Certificate certificate(X500Name subject, KeyPair subjectKey, X500Name issuer, KeyPair issuerKey,
            boolean ca, Instant notBefore, Instant notAfter, BigInteger serial, EndorsementProfile profile) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            }
            if (profile != null) {
                profile.addExtensions(builder);
            }
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(
                    signer(issuerKey)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ContentSigner signer(KeyPair issuerKey) {
        try {
            return new JcaContentSignerBuilder(PSS).setProvider(BC).build(issuerKey.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair key(KeyPair[] keys, int index) {
        synchronized (keys) {
            if (keys[index] == null) {
                keys[index] = rsa();
            }
            return keys[index];
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec384() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static ASN1ObjectIdentifier oid(String suffix) {
        return new ASN1ObjectIdentifier("1.3.6.1.4.1.3704.1." + suffix);
    }

    static byte[] integer(int value) throws IOException {
        return new ASN1Integer(value).getEncoded();
    }

    static byte[] ia5(String value) throws IOException {
        return new DERIA5String(value).getEncoded();
    }

    static byte[] octets(byte[] value) throws IOException {
        return new DEROctetString(value).getEncoded();
    }
}
