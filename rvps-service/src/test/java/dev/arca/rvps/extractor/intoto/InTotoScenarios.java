package dev.arca.rvps.extractor.intoto;

import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DEMO;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.authorize;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.demoLayout;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.demoLinks;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.linkBody;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.metablock;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.payload;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.step;

import dev.arca.rvps.extractor.intoto.InTotoFixtures.TestKey;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The refused supply chains of issue 5, built from the in-toto demo (alice owns the layout, bob writes code, carl
 * packages) with the layout signed by alice unless said otherwise. Used by the extractor test and the API test.
 */
final class InTotoScenarios {

    static final String LATER = "2030-01-01T00:00:00Z";
    static final TestKey ALICE = InTotoFixtures.demoRsa("alice");
    static final TestKey BOB = InTotoFixtures.demoRsa("bob");
    static final TestKey CARL = InTotoFixtures.demoRsa("carl");

    private InTotoScenarios() {
    }

    /** The valid demo chain, the template signed by alice. */
    static String valid() {
        return payload(metablock(demoLayout(DEMO, LATER, false), ALICE), demoLinks(DEMO), Map.of());
    }

    static String expiredLayout(String expires) {
        return payload(metablock(demoLayout(DEMO, expires, false), ALICE), demoLinks(DEMO), Map.of());
    }

    /** Signed by bob, whose key the layout lists (he is a functionary) but nobody configured as a layout key. */
    static String untrustedLayoutKey() {
        return payload(metablock(demoLayout(DEMO, LATER, false), BOB), demoLinks(DEMO), Map.of());
    }

    /** The package link signed by bob, a functionary of write-code, not of package. */
    static String linkSignedByTheWrongKey() {
        Map<String, JsonNode> links = new LinkedHashMap<>(demoLinks(DEMO));
        links.put("package.2f89b927.link", metablock(linkBody(DEMO + "package.2f89b927.link"), BOB));
        return payload(metablock(demoLayout(DEMO, LATER, false), ALICE), links, Map.of());
    }

    /** package needs carl and danny; only carl's link is there. */
    static String thresholdNotMet() {
        ObjectNode layout = demoLayout(DEMO, LATER, false);
        authorize(layout, "package", InTotoFixtures.danny());
        step(layout, "package").put("threshold", 2);
        return payload(metablock(layout, ALICE), demoLinks(DEMO), Map.of());
    }

    /** The tarball's product digest changed after carl signed the link. */
    static String tamperedProductInLink() {
        JsonNode link = InTotoFixtures.vector(DEMO + "package.2f89b927.link").deepCopy();
        ((ObjectNode) link.path("signed").path("products").path("foo.tar.gz")).put("sha256", "00".repeat(32));
        Map<String, JsonNode> links = new LinkedHashMap<>(demoLinks(DEMO));
        links.put("package.2f89b927.link", link);
        return payload(metablock(demoLayout(DEMO, LATER, false), ALICE), links, Map.of());
    }

    /** The final product the registrant holds is not the one the chain produced. */
    static String tamperedFinalProduct(String sha256) {
        return payload(metablock(demoLayout(DEMO, LATER, false), ALICE), demoLinks(DEMO),
                Map.of("foo.tar.gz", sha256));
    }

    /**
     * bob reports (and signs) another foo.py than the one carl packaged: MATCH does not consume it and the layout's
     * added {@code DISALLOW *} refuses it.
     */
    static String artifactRuleViolated() {
        ObjectNode writeCode = linkBody(DEMO + "write-code.776a00e2.link");
        ((ObjectNode) writeCode.path("products").path("foo.py")).put("sha256", "11".repeat(32));
        ObjectNode layout = demoLayout(DEMO, LATER, false);
        ((ArrayNode) step(layout, "package").path("expected_materials")).addArray().add("DISALLOW").add("*");
        Map<String, JsonNode> links = new LinkedHashMap<>(demoLinks(DEMO));
        links.put("write-code.776a00e2.link", metablock(writeCode, BOB));
        return payload(metablock(layout, ALICE), links, Map.of());
    }
}
