package dev.arca.nvidia.rim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads NVIDIA RIM files: SWID tags (ISO/IEC 19770-2, namespace {@value #SWID_NS}) signed with an enveloped XML
 * signature (W3C XML DSig) whose {@code KeyInfo} carries the signing certificate chain, as NVIDIA's RIM
 * service publishes them (nvtrust's verifier reads them the same way). A RIM is accepted only when:
 * <ol>
 * <li>it parses as XML without a DOCTYPE (no DTD, no entities, no external access);</li>
 * <li>its root is a SWID {@code SoftwareIdentity} holding exactly one {@code Signature}, a child of the root, with
 *     exactly one reference, to the whole document ({@code URI=""}) under the enveloped-signature transform, so every
 *     measurement read afterwards is covered by it;</li>
 * <li>the chain in {@code X509Data} validates (PKIX, no revocation) to one of the configured trust anchors at the
 *     verification time, and the signature verifies with the leaf's key (the JDK's XML DSig in secure-validation
 *     mode, which refuses SHA-1 and short keys).</li>
 * </ol>
 * Its measurements are the {@code Resource type="Measurement"} elements of its {@code Payload} that are active
 * ({@code active} other than {@code False}), each with its {@code index} and SHA-384 values {@code Hash0},
 * {@code Hash1}, … (namespace {@value #SHA384_NS}).
 */
public final class RimReader {

    public static final String SWID_NS = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
    public static final String SHA384_NS = "http://www.w3.org/2001/04/xmlenc#sha384";
    /** A real RIM is a few tens of KiB; anything far larger is not one. */
    public static final int MAX_RIM_BYTES = 4 * 1024 * 1024;
    private static final int MAX_INDEX = 255;
    private static final Set<String> SIGNATURE_METHODS = Set.of(SignatureMethod.ECDSA_SHA256,
            SignatureMethod.ECDSA_SHA384, SignatureMethod.ECDSA_SHA512, SignatureMethod.RSA_SHA256,
            SignatureMethod.RSA_SHA384, SignatureMethod.RSA_SHA512);

    private final Set<TrustAnchor> trustAnchors;

    /** @param trustAnchors the roots a RIM's signing chain must end in (NVIDIA's RIM signing root) */
    public RimReader(List<X509Certificate> trustAnchors) {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("RIMs need at least one trust anchor");
        }
        this.trustAnchors = trustAnchors.stream().map(c -> new TrustAnchor(c, null))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** @param at the instant at which the signing chain must be valid */
    public ReferenceIntegrityManifest read(byte[] xml, Instant at) throws RimException {
        if (xml.length > MAX_RIM_BYTES) {
            throw new RimException("larger than " + MAX_RIM_BYTES + " bytes");
        }
        Document document = parse(xml);
        Element root = document.getDocumentElement();
        if (!SWID_NS.equals(root.getNamespaceURI()) || !"SoftwareIdentity".equals(root.getLocalName())) {
            throw new RimException("not a SWID tag: the root is not a SoftwareIdentity of " + SWID_NS);
        }
        verifySignature(root, at);
        return new ReferenceIntegrityManifest(root.getAttribute("tagId"), root.getAttribute("name"),
                root.getAttribute("version"), measurements(root));
    }

    private static Document parse(byte[] xml) throws RimException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a secure-processing feature", e);
        } catch (SAXException | IOException e) {
            throw new RimException("not well-formed XML (or it has a DOCTYPE): " + e.getMessage(), e);
        }
    }

    private void verifySignature(Element root, Instant at) throws RimException {
        NodeList signatures = root.getOwnerDocument().getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() != 1 || signatures.item(0).getParentNode() != root) {
            throw new RimException("a RIM must carry exactly one XML signature, as a child of its SoftwareIdentity");
        }
        ChainKeySelector keys = new ChainKeySelector(at);
        DOMValidateContext context = new DOMValidateContext(keys, signatures.item(0));
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        try {
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            List<?> references = signature.getSignedInfo().getReferences();
            if (references.size() != 1 || !"".equals(((Reference) references.getFirst()).getURI())
                    || ((Reference) references.getFirst()).getTransforms().stream()
                            .noneMatch(t -> Transform.ENVELOPED.equals(((Transform) t).getAlgorithm()))) {
                throw new RimException("the XML signature must cover the whole RIM: one reference, URI \"\","
                        + " enveloped-signature transform");
            }
            if (!SIGNATURE_METHODS.contains(signature.getSignedInfo().getSignatureMethod().getAlgorithm())) {
                throw new RimException("unsupported signature method "
                        + signature.getSignedInfo().getSignatureMethod().getAlgorithm());
            }
            if (!signature.validate(context)) {
                throw new RimException("the XML signature does not verify");
            }
        } catch (MarshalException e) {
            throw new RimException("the XML signature is malformed: " + e.getMessage(), e);
        } catch (XMLSignatureException e) {
            Throwable cause = e.getCause() instanceof KeySelectorException k ? k : e;
            throw new RimException("the XML signature cannot be verified: " + cause.getMessage(), e);
        }
    }

    private static Map<Integer, List<String>> measurements(Element root) throws RimException {
        NodeList payloads = root.getElementsByTagNameNS(SWID_NS, "Payload");
        if (payloads.getLength() != 1) {
            throw new RimException("a RIM must have exactly one Payload");
        }
        Map<Integer, List<String>> measurements = new TreeMap<>();
        NodeList resources = ((Element) payloads.item(0)).getElementsByTagNameNS(SWID_NS, "Resource");
        for (int i = 0; i < resources.getLength(); i++) {
            Element resource = (Element) resources.item(i);
            if (!"Measurement".equals(resource.getAttribute("type"))
                    || "false".equalsIgnoreCase(resource.getAttribute("active"))) {
                continue;
            }
            int index = index(resource.getAttribute("index"));
            List<String> values = new ArrayList<>();
            for (int h = 0; resource.hasAttributeNS(SHA384_NS, "Hash" + h); h++) {
                String value = resource.getAttributeNS(SHA384_NS, "Hash" + h).strip().toLowerCase(Locale.ROOT);
                if (!value.matches("[0-9a-f]{96}")) {
                    throw new RimException("measurement " + index + ": Hash" + h + " is not a SHA-384 value in hex");
                }
                values.add(value);
            }
            if (values.isEmpty()) {
                throw new RimException("active measurement " + index + " has no SHA-384 Hash0");
            }
            if (measurements.putIfAbsent(index, List.copyOf(values)) != null) {
                throw new RimException("measurement index " + index + " appears twice");
            }
        }
        return new LinkedHashMap<>(measurements);
    }

    private static int index(String text) throws RimException {
        try {
            int index = Integer.parseInt(text);
            if (index >= 0 && index <= MAX_INDEX) {
                return index;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RimException("a Measurement resource has no index from 0 to " + MAX_INDEX + ": '"
                + text.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }

    /**
     * The certificates as one path from the leaf (the one that issued none of the others) up, whatever order X509Data
     * lists them in; a certificate outside that path is refused rather than ignored.
     */
    static List<X509Certificate> leafFirst(List<X509Certificate> certificates) throws KeySelectorException {
        if (certificates.isEmpty()) {
            throw new KeySelectorException("the RIM is signed by a trust anchor itself, not a signing certificate");
        }
        List<X509Certificate> leaves = certificates.stream().filter(c -> certificates.stream().noneMatch(other ->
                other != c && other.getIssuerX500Principal().equals(c.getSubjectX500Principal()))).toList();
        if (leaves.size() != 1) {
            throw new KeySelectorException("the signing certificates do not form one chain (" + leaves.size()
                    + " leaves)");
        }
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = leaves.getFirst();
        while (current != null) {
            path.add(current);
            X509Certificate child = current;
            current = certificates.stream().filter(c -> !path.contains(c)
                    && c.getSubjectX500Principal().equals(child.getIssuerX500Principal())).findFirst().orElse(null);
        }
        if (path.size() != certificates.size()) {
            throw new KeySelectorException("the signing certificates do not form one chain");
        }
        return path;
    }

    /** Returns the leaf's key once its chain (in X509Data, any order) validates to a trust anchor. */
    private final class ChainKeySelector extends KeySelector {

        private final Instant at;

        ChainKeySelector(Instant at) {
            this.at = at;
        }

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                XMLCryptoContext context) throws KeySelectorException {
            if (keyInfo == null) {
                throw new KeySelectorException("the signature has no KeyInfo with the signing certificates");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Object item : keyInfo.getContent()) {
                if (item instanceof X509Data data) {
                    for (Object entry : data.getContent()) {
                        if (entry instanceof X509Certificate certificate) {
                            chain.add(certificate);
                        }
                    }
                } else if (!(item instanceof XMLStructure)) {
                    throw new KeySelectorException("unexpected KeyInfo content");
                }
            }
            if (chain.isEmpty()) {
                throw new KeySelectorException("the signature's KeyInfo carries no X509Certificate");
            }
            // the anchors themselves are not part of the path PKIX validates
            List<X509Certificate> path = leafFirst(chain.stream()
                    .filter(c -> trustAnchors.stream().noneMatch(a -> a.getTrustedCert().equals(c))).toList());
            try {
                PKIXParameters parameters = new PKIXParameters(trustAnchors);
                parameters.setRevocationEnabled(false);
                parameters.setDate(Date.from(at));
                CertPathValidator.getInstance("PKIX").validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            } catch (GeneralSecurityException e) {
                throw new KeySelectorException("the RIM's signing chain does not validate to a configured trust"
                        + " anchor: " + e.getMessage(), e);
            }
            PublicKey key = path.getFirst().getPublicKey();
            return () -> (Key) key;
        }
    }
}
