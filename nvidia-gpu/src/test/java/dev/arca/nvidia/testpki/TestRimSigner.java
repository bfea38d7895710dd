package dev.arca.nvidia.testpki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A test RIM signing PKI (P-384 root → RIM signing certificate, valid from a day ago for ten years) and RIMs in
 * NVIDIA's shape: a SWID {@code SoftwareIdentity} whose {@code Payload} lists {@code Resource type="Measurement"}
 * elements with {@code index}, {@code active} and SHA-384 {@code Hash0…}, signed with an enveloped XML signature
 * (ECDSA-SHA384, exclusive C14N) carrying the signing chain in {@code X509Data}. Built by the JDK's XML DSig,
 * no NVIDIA material involved.
 */
public final class TestRimSigner {

    /** One measurement of a RIM: its 0-based index, whether it is active, and its allowed SHA-384 values (hex). */
    public record Measurement(int index, boolean active, List<String> values) {
    }

    private final KeyPair rootKeys = p384();
    private final KeyPair signerKeys = p384();
    private final X509Certificate root;
    private final X509Certificate signer;

    public TestRimSigner() {
        try {
            X500Name rootName = new X500Name("CN=Test RIM Root");
            root = certificate(rootName, rootName, rootKeys, rootKeys.getPrivate(), true, 1);
            signer = certificate(new X500Name("CN=Test RIM Signer"), rootName, signerKeys, rootKeys.getPrivate(),
                    false, 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate root() {
        return root;
    }

    public byte[] rootPem() {
        return TestDevicePki.pem(List.of(root));
    }

    /** A signed RIM. */
    public byte[] rim(String name, String version, List<Measurement> measurements) {
        return sign(unsigned(name, version, measurements), signerKeys.getPrivate(), List.of(signer, root));
    }

    /** A RIM signed by a key no trust anchor certifies (its own self-signed certificate). */
    public static byte[] rimSignedByStranger(String name, String version, List<Measurement> measurements) {
        TestRimSigner stranger = new TestRimSigner();
        return stranger.rim(name, version, measurements);
    }

    public static Document unsigned(String name, String version, List<Measurement> measurements) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().newDocument();
            String swid = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
            Element root = document.createElementNS(swid, "SoftwareIdentity");
            // declared in the DOM itself: canonicalization while signing sees only declared namespaces
            root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", swid);
            root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:SHA384",
                    "http://www.w3.org/2001/04/xmlenc#sha384");
            root.setAttribute("name", name);
            root.setAttribute("tagId", name + "_" + version);
            root.setAttribute("version", version);
            root.setAttribute("corpus", "true");
            document.appendChild(root);
            Element meta = document.createElementNS(swid, "Meta");
            meta.setAttribute("product", name);
            root.appendChild(meta);
            Element payload = document.createElementNS(swid, "Payload");
            root.appendChild(payload);
            for (Measurement measurement : measurements) {
                Element resource = document.createElementNS(swid, "Resource");
                resource.setAttribute("type", "Measurement");
                resource.setAttribute("index", Integer.toString(measurement.index()));
                resource.setAttribute("active", measurement.active() ? "True" : "False");
                resource.setAttribute("alternatives", Integer.toString(measurement.values().size()));
                for (int i = 0; i < measurement.values().size(); i++) {
                    resource.setAttributeNS("http://www.w3.org/2001/04/xmlenc#sha384", "SHA384:Hash" + i,
                            measurement.values().get(i));
                }
                payload.appendChild(resource);
            }
            return document;
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs a document with an enveloped signature over all of it (URI ""), the chain in X509Data. */
    public static byte[] sign(Document document, PrivateKey key, List<X509Certificate> chain) {
        try {
            XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
            var reference = signatures.newReference("", signatures.newDigestMethod(DigestMethod.SHA384, null),
                    List.of(signatures.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            signatures.newTransform(CanonicalizationMethod.EXCLUSIVE,
                                    (TransformParameterSpec) null)),
                    null, null);
            var signedInfo = signatures.newSignedInfo(signatures.newCanonicalizationMethod(
                    CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    signatures.newSignatureMethod(SignatureMethod.ECDSA_SHA384, null), List.of(reference));
            KeyInfoFactory keyInfos = signatures.getKeyInfoFactory();
            var keyInfo = keyInfos.newKeyInfo(List.of(keyInfos.newX509Data(List.copyOf(chain))));
            signatures.newXMLSignature(signedInfo, keyInfo).sign(new DOMSignContext(key,
                    document.getDocumentElement()));
            return serialize(document);
        } catch (GeneralSecurityException | javax.xml.crypto.MarshalException
                | javax.xml.crypto.dsig.XMLSignatureException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] serialize(Document document) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document),
                    new StreamResult(out));
            return out.toByteArray();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey signerKey() {
        return signerKeys.getPrivate();
    }

    public X509Certificate signer() {
        return signer;
    }

    /** A SHA-384-sized value (hex) made of one repeated byte. */
    public static String value(int b) {
        return String.format("%02x", b).repeat(48);
    }

    public static Measurement active(int index, String... values) {
        return new Measurement(index, true, List.of(values));
    }

    public static Map<Integer, List<String>> expected(Measurement... measurements) {
        java.util.Map<Integer, List<String>> out = new java.util.LinkedHashMap<>();
        for (Measurement m : measurements) {
            if (m.active()) {
                out.put(m.index(), m.values());
            }
        }
        return out;
    }

    private static X509Certificate certificate(X500Name subject, X500Name issuer, KeyPair subjectKeys,
            PrivateKey issuerKey, boolean ca, long serial) throws GeneralSecurityException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                subjectKeys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(issuerKey)));
        } catch (java.io.IOException | org.bouncycastle.operator.OperatorCreationException e) {
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
