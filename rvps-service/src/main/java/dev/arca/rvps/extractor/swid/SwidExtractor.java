package dev.arca.rvps.extractor.swid;

import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.extractor.Expirations;
import dev.arca.rvps.extractor.Extraction;
import dev.arca.rvps.extractor.Extractor;
import dev.arca.rvps.extractor.StandardBase64;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@code swid} extractor (Trustee rvps/README.md): the payload is the standard base64 of a SWID tag (ISO/IEC
 * 19770-2) carrying a TCG Reference Integrity Manifest, such as NVIDIA's GPU/VBIOS RIMs. From the first SWID
 * {@code Meta} element it takes the TCG attribute {@code PlatformManufacturerStr} (spaces → {@code _}) and the
 * {@code edition} attribute; every {@code Resource} of {@code type="Measurement"} under the first {@code Payload}
 * becomes {@code <manufacturer>.<edition>.measurement_<index>} (every {@code -} → {@code _}) with the value
 * {@code [<Hash0>, <Hash1>, …]}: the SHA-384 hash attributes read in index order up to the first absent one, skipping
 * all-zero ones; a resource without a non-zero hash is skipped. No signature is checked, as upstream; registration
 * itself needs an admin.
 */
@Component
public class SwidExtractor implements Extractor {

    public static final String TYPE = "swid";

    static final String SWID_NS = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
    static final String RIM_NS =
            "https://trustedcomputinggroup.org/resource/tcg-reference-integrity-manifest-rim-information-model/";
    static final String SHA384_NS = "http://www.w3.org/2001/04/xmlenc#sha384";

    private final Clock clock;

    public SwidExtractor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Extraction extract(String payload) {
        Document document = SafeXml.parse(StandardBase64.decode("swid payload", payload), "swid payload");
        Element meta = first(document, "Meta", "a SWID Meta element");
        if (!meta.hasAttributeNS(RIM_NS, "PlatformManufacturerStr")) {
            throw new InvalidRequestException("swid payload: the Meta element lacks the TCG RIM attribute"
                    + " PlatformManufacturerStr (namespace " + RIM_NS + ")");
        }
        if (!meta.hasAttributeNS(null, "edition")) {
            throw new InvalidRequestException("swid payload: the Meta element lacks the edition attribute");
        }
        String prefix = meta.getAttributeNS(RIM_NS, "PlatformManufacturerStr").replace(' ', '_')
                + "." + meta.getAttributeNS(null, "edition");
        Element payloadElement = first(document, "Payload", "a SWID Payload element");

        Instant expiration = Expirations.twelveMonthsAfter(clock.instant());
        List<ReferenceValue> values = new ArrayList<>();
        NodeList resources = payloadElement.getElementsByTagNameNS(SWID_NS, "Resource");
        for (int i = 0; i < resources.getLength(); i++) {
            Element resource = (Element) resources.item(i);
            if (!"Measurement".equals(resource.getAttributeNS(null, "type"))) {
                continue;
            }
            if (!resource.hasAttributeNS(null, "index")) {
                throw new InvalidRequestException("swid payload: a Measurement resource lacks its index attribute");
            }
            ArrayNode hashes = hashes(resource);
            if (hashes.isEmpty()) {
                continue; // no measurement at this index; skipping avoids clashes between RIMs of one TCB
            }
            String name = (prefix + ".measurement_" + resource.getAttributeNS(null, "index")).replace('-', '_');
            values.add(new ReferenceValue(RvpsMessage.VERSION, name, expiration, hashes));
        }
        return Extraction.unsigned(values);
    }

    private static ArrayNode hashes(Element resource) {
        ArrayNode hashes = JsonNodeFactory.instance.arrayNode();
        for (int index = 0; resource.hasAttributeNS(SHA384_NS, "Hash" + index); index++) {
            String hash = resource.getAttributeNS(SHA384_NS, "Hash" + index);
            if (!hash.chars().allMatch(c -> c == '0')) {
                hashes.add(hash);
            }
        }
        return hashes;
    }

    private static Element first(Document document, String localName, String what) {
        NodeList found = document.getElementsByTagNameNS(SWID_NS, localName);
        if (found.getLength() == 0) {
            throw new InvalidRequestException("swid payload has no " + what + " (namespace " + SWID_NS + ")");
        }
        return (Element) found.item(0);
    }
}
