package dev.arca.nvidia.testpki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away device PKI standing in for NVIDIA's (all P-384, ECDSA-SHA384): a self-signed device identity root, a
 * provisioner intermediate, and a device leaf whose TCG DICE TcbInfo extension (2.23.133.5.4.1) carries an FWID.
 */
public final class TestDevicePki {

    public static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");
    /** An instant inside every certificate's validity. */
    public static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    private final KeyPair rootKeys = p384();
    private final KeyPair intermediateKeys = p384();
    private final KeyPair leafKeys = p384();
    private final byte[] fwid;
    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final X509Certificate leaf;

    public TestDevicePki(byte[] fwid) {
        this.fwid = fwid.clone();
        try {
            X500Name rootName = new X500Name("CN=Test Device Identity CA,O=Arca tests");
            X500Name intermediateName = new X500Name("CN=Test Provisioner ICA,O=Arca tests");
            this.root = ca(rootName, rootName, rootKeys, rootKeys.getPrivate(), 1);
            this.intermediate = ca(intermediateName, rootName, intermediateKeys, rootKeys.getPrivate(), 2);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(intermediateName,
                    BigInteger.valueOf(3), java.util.Date.from(NOT_BEFORE), java.util.Date.from(NOT_AFTER),
                    new X500Name("CN=Test GSP FMC LF,O=Arca tests"), leafKeys.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(new ASN1ObjectIdentifier("2.23.133.5.4.1"), false, tcbInfo(fwid));
            this.leaf = sign(builder, intermediateKeys.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKI whose leaf FWID is SHA-384 of {@code firmware}. */
    public static TestDevicePki forFirmware(String firmware) {
        try {
            return new TestDevicePki(MessageDigest.getInstance("SHA-384")
                    .digest(firmware.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] fwid() {
        return fwid.clone();
    }

    public PrivateKey leafKey() {
        return leafKeys.getPrivate();
    }

    public X509Certificate root() {
        return root;
    }

    /** The CA keys, for a test OCSP responder that answers for the CAs. */
    public PrivateKey rootKey() {
        return rootKeys.getPrivate();
    }

    public PrivateKey intermediateKey() {
        return intermediateKeys.getPrivate();
    }

    public X509Certificate intermediate() {
        return intermediate;
    }

    public X509Certificate leaf() {
        return leaf;
    }

    /** leaf → intermediate → root, PEM. */
    public byte[] chainPem() {
        return pem(List.of(leaf, intermediate, root));
    }

    public String rootFingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pem(List<X509Certificate> certificates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        try {
            for (X509Certificate certificate : certificates) {
                out.write(("-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** DiceTcbInfo ::= SEQUENCE { ..., fwids [6] IMPLICIT SEQUENCE OF FWID { hashAlg, digest } } with one FWID. */
    private static DERSequence tcbInfo(byte[] fwid) {
        DERSequence oneFwid = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            NISTObjectIdentifiers.id_sha384, new DEROctetString(fwid)});
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new DERTaggedObject(false, 6, new DERSequence(oneFwid)));
        return new DERSequence(fields);
    }

    private static X509Certificate ca(X500Name subject, X500Name issuer, KeyPair subjectKeys, PrivateKey issuerKey,
            long serial) throws GeneralSecurityException, IOException {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
                java.util.Date.from(NOT_BEFORE), java.util.Date.from(NOT_AFTER), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(builder, issuerKey);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair p384() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
