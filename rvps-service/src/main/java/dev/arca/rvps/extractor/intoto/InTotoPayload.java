package dev.arca.rvps.extractor.intoto;

import dev.arca.rvps.extractor.StandardBase64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The {@code payload} of an {@code in-toto} message (docs/rvps.md, "in-toto"): plain JSON, or the standard base64 of
 * it,
 * <pre>
 * {"layout":    &lt;root layout: metablock or DSSE envelope&gt;,
 *  "links":     {"&lt;label, e.g. package.2f89b927.link&gt;": &lt;link: metablock or DSSE envelope&gt;, …},
 *  "artifacts": {"&lt;path&gt;": {"sha256": "&lt;hex&gt;", …}, …}}        (optional)
 * </pre>
 * Labels only name links in messages; which step a link reports is read from its signed content. {@code artifacts}
 * are the digests of the final product(s) the registrant holds; each must equal a product recorded by the steps.
 *
 * @param links     label → signed link, in payload order
 * @param artifacts path → hash object; empty when absent
 */
record InTotoPayload(SignedMetadata layout, Map<String, SignedMetadata> links,
                     Map<String, Map<String, String>> artifacts) {

    private static final Set<String> MEMBERS = Set.of("layout", "links", "artifacts");

    static InTotoPayload parse(String payload) {
        JsonNode root = payload.strip().startsWith("{")
                ? StrictJson.read(payload, "in-toto payload")
                : StrictJson.read(StandardBase64.decode("in-toto payload", payload), "in-toto payload");
        if (!root.isObject()) {
            throw new InTotoRefusedException("the payload must be a JSON object {\"layout\", \"links\", \"artifacts\"?}");
        }
        for (String member : root.propertyNames()) {
            if (!MEMBERS.contains(member)) {
                throw new InTotoRefusedException("the payload has the unknown member \"" + member
                        + "\"; expected layout, links and optionally artifacts");
            }
        }
        if (!root.has("layout")) {
            throw new InTotoRefusedException("the payload lacks the root layout (\"layout\")");
        }
        SignedMetadata layout = SignedMetadata.parse(root.get("layout"), "layout");
        JsonNode linkNodes = root.path("links");
        if (!linkNodes.isObject()) {
            throw new InTotoRefusedException("the payload lacks \"links\", an object of label → signed link");
        }
        Map<String, SignedMetadata> links = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> link : linkNodes.properties()) {
            links.put(link.getKey(), SignedMetadata.parse(link.getValue(), "link " + link.getKey()));
        }
        Map<String, Map<String, String>> artifacts = Link.artifacts(root.get("artifacts"), "artifacts");
        return new InTotoPayload(layout, links, artifacts);
    }
}
