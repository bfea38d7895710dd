package dev.arca.rvps.extractor.intoto;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a supply chain as in-toto spec §5.2 describes, without running anything:
 * <ol>
 *   <li>the root layout is signed by a configured trusted layout key (never a key from the message);</li>
 *   <li>it has not expired (§4.3: "Clients MUST NOT trust an expired file"), judged by the injected clock;</li>
 *   <li>each step has links signed by at least {@code threshold} distinct functionary keys of that step, taken from
 *       the verified layout; links counted for a step must agree on materials and products;</li>
 *   <li>each step's material and product rules hold (§4.3.3, {@link ArtifactRuleVerifier});</li>
 *   <li>the final artifacts the registrant names, if any, equal the recorded products.</li>
 * </ol>
 * Inspections (§4.3.2) would execute commands from the layout on this host; they are never run. A layout with
 * inspections is refused unless {@code ignoreInspections}, then verified without them and a warning is logged.
 * Sublayouts (§4.5) are not supported.
 */
final class InTotoVerifier {

    private static final Logger log = LoggerFactory.getLogger(InTotoVerifier.class);

    private final List<InTotoKey> trustedLayoutKeys;
    private final boolean ignoreInspections;
    private final Clock clock;

    InTotoVerifier(List<InTotoKey> trustedLayoutKeys, boolean ignoreInspections, Clock clock) {
        this.trustedLayoutKeys = List.copyOf(trustedLayoutKeys);
        this.ignoreInspections = ignoreInspections;
        this.clock = clock;
    }

    VerifiedSupplyChain verify(InTotoPayload payload) {
        InTotoKey layoutKey = layoutSigner(payload.layout());
        Layout layout = Layout.parse(payload.layout().body());
        Instant now = clock.instant();
        if (now.isAfter(layout.expires())) {
            throw new InTotoRefusedException("the layout expired at " + layout.expires());
        }
        if (!layout.inspections().isEmpty()) {
            if (!ignoreInspections) {
                throw new InTotoRefusedException("the layout has inspections " + layout.inspections()
                        + "; Arca never runs inspection commands. Set arca.rvps.in-toto.ignore-inspections=true to"
                        + " verify its steps without them");
            }
            log.warn("in-toto layout signed by {}: inspections {} skipped, their commands are never run",
                    layoutKey.keyId(), layout.inspections());
        }
        Map<String, Link> links = verifiedLinks(layout, payload.links());
        for (Layout.Step step : layout.steps()) {
            ArtifactRuleVerifier.verify(step, false, links.get(step.name()), links);
            ArtifactRuleVerifier.verify(step, true, links.get(step.name()), links);
        }
        Map<String, Map<String, String>> products = new LinkedHashMap<>();
        Map<String, String> producedBy = new LinkedHashMap<>();
        for (Layout.Step step : layout.steps()) {
            links.get(step.name()).products().forEach((path, hashes) -> {
                products.put(path, hashes);
                producedBy.put(path, step.name());
            });
        }
        checkArtifacts(payload.artifacts(), products, producedBy);
        return new VerifiedSupplyChain(layoutKey, layout.expires(), products);
    }

    /** §5.2 step 1, with keys from configuration only; a signature's key id is just a hint here. */
    private InTotoKey layoutSigner(SignedMetadata layout) {
        if (trustedLayoutKeys.isEmpty()) {
            throw new InTotoRefusedException("no trusted layout key is configured"
                    + " (arca.rvps.in-toto.trusted-layout-keys), so no layout can be accepted");
        }
        for (InTotoKey key : trustedLayoutKeys) {
            if (layout.isSignedBy(key, false)) {
                return key;
            }
        }
        throw new InTotoRefusedException("the layout (" + layout.form() + ") is not signed by a trusted layout key;"
                + " its signatures claim key ids " + layout.claimedKeyIds() + ", trusted are "
                + trustedLayoutKeys.stream().map(InTotoKey::keyId).toList());
    }

    /** The one agreed link of every step, once each step's threshold of functionary signatures is met. */
    private Map<String, Link> verifiedLinks(Layout layout, Map<String, SignedMetadata> signedLinks) {
        Map<String, List<String>> labelsByStep = new LinkedHashMap<>();
        Map<String, Link> parsed = new LinkedHashMap<>();
        Set<String> stepNames = new LinkedHashSet<>();
        layout.steps().forEach(step -> stepNames.add(step.name()));
        for (Map.Entry<String, SignedMetadata> entry : signedLinks.entrySet()) {
            Link link = Link.parse(entry.getValue().body(), "link " + entry.getKey());
            if (!stepNames.contains(link.name())) {
                throw new InTotoRefusedException("link " + entry.getKey() + " reports step " + link.name()
                        + ", which the layout does not have (steps: " + stepNames + ")");
            }
            parsed.put(entry.getKey(), link);
            labelsByStep.computeIfAbsent(link.name(), name -> new ArrayList<>()).add(entry.getKey());
        }
        Map<String, Link> verified = new LinkedHashMap<>();
        for (Layout.Step step : layout.steps()) {
            verified.put(step.name(), stepLink(layout, step, labelsByStep.getOrDefault(step.name(), List.of()),
                    signedLinks, parsed));
        }
        return verified;
    }

    private Link stepLink(Layout layout, Layout.Step step, List<String> labels,
                          Map<String, SignedMetadata> signedLinks, Map<String, Link> parsed) {
        Set<String> signers = new LinkedHashSet<>();
        List<String> rejected = new ArrayList<>();
        Link agreed = null;
        String agreedLabel = null;
        for (String label : labels) {
            SignedMetadata signed = signedLinks.get(label);
            List<String> validKeys = step.pubkeys().stream()
                    .filter(id -> signed.isSignedBy(layout.keys().get(id), true))
                    .toList();
            if (validKeys.isEmpty()) {
                rejected.add("link " + label + " carries no valid signature by a functionary key of step "
                        + step.name() + " (its signatures claim key ids " + signed.claimedKeyIds() + ")");
                continue;
            }
            Link link = parsed.get(label);
            if (agreed == null) {
                agreed = link;
                agreedLabel = label;
            } else if (!agreed.materials().equals(link.materials()) || !agreed.products().equals(link.products())) {
                throw new InTotoRefusedException("step " + step.name() + ": links " + agreedLabel + " and " + label
                        + " report different materials or products");
            }
            signers.addAll(validKeys);
        }
        if (signers.size() < step.threshold()) {
            String detail = labels.isEmpty() ? "no link reports this step" : String.join("; ", rejected);
            throw new InTotoRefusedException("step " + step.name() + ": threshold not met, " + signers.size()
                    + " of " + step.threshold() + " required functionary signature(s)"
                    + (detail.isEmpty() ? "" : ": " + detail));
        }
        if (!rejected.isEmpty()) {
            log.warn("in-toto step {}: threshold met, ignoring {}", step.name(), rejected);
        }
        if (!step.expectedCommand().isEmpty() && !step.expectedCommand().equals(agreed.command())) {
            // §4.3.1: a command mismatch is only worth a warning, never a failure
            log.warn("in-toto step {}: command {} differs from the expected {}", step.name(), agreed.command(),
                    step.expectedCommand());
        }
        return agreed;
    }

    private static void checkArtifacts(Map<String, Map<String, String>> artifacts,
                                       Map<String, Map<String, String>> products, Map<String, String> producedBy) {
        for (Map.Entry<String, Map<String, String>> artifact : artifacts.entrySet()) {
            String path = artifact.getKey();
            Map<String, String> recorded = products.get(path);
            if (recorded == null) {
                throw new InTotoRefusedException("artifact " + path + " is not a product of any step");
            }
            Set<String> common = new TreeSet<>(artifact.getValue().keySet());
            common.retainAll(recorded.keySet());
            if (common.isEmpty()) {
                throw new InTotoRefusedException("artifact " + path + " has no digest algorithm in common with the"
                        + " product of step " + producedBy.get(path) + " " + recorded.keySet());
            }
            for (String algorithm : common) {
                if (!recorded.get(algorithm).equalsIgnoreCase(artifact.getValue().get(algorithm))) {
                    throw new InTotoRefusedException("artifact " + path + " does not match the product of step "
                            + producedBy.get(path) + ": its " + algorithm + " is " + artifact.getValue().get(algorithm)
                            + ", the link records " + recorded.get(algorithm));
                }
            }
        }
    }
}
