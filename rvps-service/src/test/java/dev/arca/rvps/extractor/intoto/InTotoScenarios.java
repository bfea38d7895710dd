package dev.arca.rvps.extractor.intoto;

import static dev.arca.rvps.extractor.intoto.InTotoFixtures.authorize;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.layout;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.linkName;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.links;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.metablock;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.packageLink;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.payload;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.step;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.writeCodeLink;

import dev.arca.rvps.extractor.intoto.InTotoFixtures.TestKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The refused supply chains of issue 5, built from the synthetic chain of {@link InTotoFixtures} (alice owns the
 * layout, bob writes code, carl packages) with the layout signed by alice unless said otherwise. Used by the
 * extractor test and the API test.
 */
public final class InTotoScenarios {

    static final String LATER = "2030-01-01T00:00:00Z";
    static final TestKey ALICE = InTotoFixtures.ALICE;
    static final TestKey BOB = InTotoFixtures.BOB;
    static final TestKey CARL = InTotoFixtures.CARL;

    private InTotoScenarios() {
    }

    /** A PEM file of the layout owner's (alice's) public key, to configure as a trusted layout key. */
    public static Path layoutOwnerKeyFile() {
        return InTotoFixtures.publicKeyFile(ALICE);
    }

    /** The valid chain, the layout signed by alice. */
    static String valid() {
        return payload(metablock(layout(LATER, false), ALICE), links(), Map.of());
    }

    static String expiredLayout(String expires) {
        return payload(metablock(layout(expires, false), ALICE), links(), Map.of());
    }

    /** Signed by bob, whose key the layout lists (he is a functionary) but nobody configured as a layout key. */
    static String untrustedLayoutKey() {
        return payload(metablock(layout(LATER, false), BOB), links(), Map.of());
    }

    /** The package link signed by bob, a functionary of write-code, not of package. */
    static String linkSignedByTheWrongKey() {
        Map<String, JsonNode> links = new LinkedHashMap<>(links());
        links.put(linkName("package", CARL), metablock(packageLink(), BOB));
        return payload(metablock(layout(LATER, false), ALICE), links, Map.of());
    }

    /** package needs carl and danny; only carl's link is there. */
    static String thresholdNotMet() {
        ObjectNode layout = layout(LATER, false);
        authorize(layout, "package", InTotoFixtures.DANNY);
        step(layout, "package").put("threshold", 2);
        return payload(metablock(layout, ALICE), links(), Map.of());
    }

    /** The tarball's product digest changed after carl signed the link. */
    static String tamperedProductInLink() {
        JsonNode link = links().get(linkName("package", CARL)).deepCopy();
        ((ObjectNode) link.path("signed").path("products").path("foo.tar.gz")).put("sha256", "00".repeat(32));
        Map<String, JsonNode> links = new LinkedHashMap<>(links());
        links.put(linkName("package", CARL), link);
        return payload(metablock(layout(LATER, false), ALICE), links, Map.of());
    }

    /** The final product the registrant holds is not the one the chain produced. */
    static String tamperedFinalProduct(String sha256) {
        return payload(metablock(layout(LATER, false), ALICE), links(), Map.of("foo.tar.gz", sha256));
    }

    /**
     * bob reports (and signs) another foo.py than the one carl packaged: MATCH does not consume it and the layout's
     * added {@code DISALLOW *} refuses it.
     */
    static String artifactRuleViolated() {
        ObjectNode writeCode = writeCodeLink();
        ((ObjectNode) writeCode.path("products").path("foo.py")).put("sha256", "11".repeat(32));
        ObjectNode layout = layout(LATER, false);
        ((ArrayNode) step(layout, "package").path("expected_materials")).addArray().add("DISALLOW").add("*");
        Map<String, JsonNode> links = new LinkedHashMap<>(links());
        links.put(linkName("write-code", BOB), metablock(writeCode, BOB));
        return payload(metablock(layout, ALICE), links, Map.of());
    }
}
