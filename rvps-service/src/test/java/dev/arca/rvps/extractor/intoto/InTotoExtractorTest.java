package dev.arca.rvps.extractor.intoto;

import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DEMO;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DSSE;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.FOO_PY_SHA256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.FOO_TAR_GZ_SHA256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.TRUSTEE;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.authorize;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.demoLayout;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.demoLinks;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.dsse;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.linkBody;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.metablock;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.payload;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.sha256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.step;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Json;
import dev.arca.model.rvps.ReferenceValue;
import dev.arca.rvps.TestVectors;
import dev.arca.rvps.extractor.Extraction;
import dev.arca.rvps.extractor.intoto.InTotoFixtures.TestKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-toto extractor against the real metadata of vectors/in-toto: the trustee demo as the in-toto tooling signed
 * it, and the in-toto demo whose layout template each test signs with alice's published test key.
 */
class InTotoExtractorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String LATER = "2030-01-01T00:00:00Z";

    private static final TestKey ALICE = InTotoScenarios.ALICE;
    private static final TestKey BOB = InTotoScenarios.BOB;
    private static final TestKey CARL = InTotoScenarios.CARL;
    private static final Path ALICE_PUB = TestVectors.path(DEMO + "alice.pub");

    private static InTotoExtractor extractor(boolean ignoreInspections, Path... trustedKeys) {
        return new InTotoExtractor(new InTotoProperties(List.of(trustedKeys), "in-toto/", ignoreInspections), CLOCK);
    }

    private static Map<String, String> values(Extraction extraction) {
        Map<String, String> values = new LinkedHashMap<>();
        extraction.values().forEach(value -> values.put(value.name(), Json.write(value.value())));
        return values;
    }

    private static void assertDemoProducts(Extraction extraction, String signerKeyId) {
        assertThat(values(extraction)).containsExactly(
                Map.entry("in-toto/foo.py", "[\"sha256:" + FOO_PY_SHA256 + "\"]"),
                Map.entry("in-toto/foo.tar.gz", "[\"sha256:" + FOO_TAR_GZ_SHA256 + "\"]"));
        assertThat(extraction.signerKeyId()).isEqualTo(signerKeyId);
        assertThat(extraction.values()).extracting(ReferenceValue::expiration)
                .containsOnly(Instant.parse("2027-11-26T12:00:00Z"));
    }

    private static void assertRefused(InTotoExtractor extractor, String payload, String... reason) {
        assertThatThrownBy(() -> extractor.extract(payload))
                .isInstanceOf(InTotoRefusedException.class)
                .hasMessageStartingWith("in-toto verification failed: ")
                .hasMessageContainingAll(reason);
    }

    // ---- valid chains

    @Test
    void trusteeDemoSignedByTheInTotoToolingVerifiesWithAlicesKey() {
        Map<String, JsonNode> links = new LinkedHashMap<>();
        links.put("write-code.b7d643de.link", vector(TRUSTEE + "write-code.b7d643de.link"));
        links.put("package.d3ffd108.link", vector(TRUSTEE + "package.d3ffd108.link"));
        String payload = payload(vector(TRUSTEE + "demo.layout"), links,
                Map.of("foo.tar.gz", sha256(TestVectors.bytes(TRUSTEE + "foo.tar.gz"))));

        Extraction extraction = extractor(true, TestVectors.path(TRUSTEE + "alice.pub")).extract(payload);

        // the layout's signature names alice's key id; vectors/MANIFEST.md "in-toto"
        assertDemoProducts(extraction, "70ca5750c2eda80b18f41f4ec5f92146789b5d68dd09577be422a0159bd13680");
    }

    @Test
    void demoTemplateSignedByAliceVerifiesAsMetablock() {
        String payload = payload(metablock(demoLayout(DEMO, LATER, false), ALICE), demoLinks(DEMO),
                Map.of("foo.tar.gz", sha256(TestVectors.bytes(DEMO + "foo.tar.gz"))));

        assertDemoProducts(extractor(false, ALICE_PUB).extract(payload), ALICE.keyId());
    }

    @Test
    void demoTemplateSignedByAliceVerifiesAsDsseEnvelopeWithDsseLinks() {
        String payload = payload(dsse(demoLayout(DSSE, LATER, false), ALICE), demoLinks(DSSE), Map.of());

        assertDemoProducts(extractor(false, ALICE_PUB).extract(payload), ALICE.keyId());
    }

    @Test
    void payloadMayBeStandardBase64() {
        String json = payload(metablock(demoLayout(DEMO, LATER, false), ALICE), demoLinks(DEMO), Map.of());
        String base64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

        assertDemoProducts(extractor(false, ALICE_PUB).extract(base64), ALICE.keyId());
    }

    @Test
    void valuesExpireWithTheLayoutWhenItExpiresFirst() {
        String payload = payload(metablock(demoLayout(DEMO, "2027-01-31T23:59:59Z", false), ALICE),
                demoLinks(DEMO), Map.of());

        assertThat(extractor(false, ALICE_PUB).extract(payload).values()).extracting(ReferenceValue::expiration)
                .containsOnly(Instant.parse("2027-01-31T23:59:59Z"));
    }

    @Test
    void inspectionsAreSkippedOnlyWhenConfigured() {
        String payload = payload(metablock(demoLayout(DEMO, LATER, true), ALICE), demoLinks(DEMO), Map.of());

        assertRefused(extractor(false, ALICE_PUB), payload, "inspections [untar]", "never runs",
                "arca.rvps.in-toto.ignore-inspections");
        assertDemoProducts(extractor(true, ALICE_PUB).extract(payload), ALICE.keyId());
    }

    @Test
    void ed25519AndEcdsaFunctionariesAreVerified() {
        TestKey danny = InTotoFixtures.danny();
        TestKey ecdsa = InTotoFixtures.newEcdsa();
        ObjectNode layout = demoLayout(DEMO, LATER, false);
        ((ArrayNode) step(layout, "write-code").path("pubkeys")).removeAll();
        ((ArrayNode) step(layout, "package").path("pubkeys")).removeAll();
        authorize(layout, "write-code", danny);
        authorize(layout, "package", ecdsa);
        Map<String, JsonNode> links = Map.of(
                "write-code.danny.link", metablock(linkBody(DEMO + "write-code.776a00e2.link"), danny),
                "package.ecdsa.link", dsse(linkBody(DEMO + "package.2f89b927.link"), ecdsa));

        assertDemoProducts(extractor(false, ALICE_PUB).extract(payload(metablock(layout, ALICE), links, Map.of())),
                ALICE.keyId());
    }

    @Test
    void ecdsaLayoutKeyFromAPemFile(@TempDir Path dir) throws IOException {
        KeyPair owner = InTotoFixtures.generate("EC", new ECGenParameterSpec("secp384r1"));
        Path pem = Files.writeString(dir.resolve("owner.pub"), PemKeys.toPem(owner.getPublic()));
        InTotoKey ownerKey = InTotoKey.fromPublicKey(owner.getPublic());
        TestKey signer = new TestKey(ownerKey.keyId(), owner.getPrivate(), null);
        ObjectNode layout = demoLayout(DEMO, LATER, false);

        Extraction extraction = extractor(false, pem).extract(payload(
                dsseSignedWith384(layout, signer), demoLinks(DEMO), Map.of()));

        assertThat(ownerKey.scheme()).isEqualTo(InTotoKey.ECDSA_P384);
        assertDemoProducts(extraction, ownerKey.keyId());
    }

    @Test
    void ed25519LayoutKeyFromASecuresystemslibJsonKeyFile() {
        TestKey danny = InTotoFixtures.danny();
        String payload = payload(metablock(demoLayout(DEMO, LATER, false), danny), demoLinks(DEMO), Map.of());

        // danny's key id as the in-toto tooling computed it (the vector's private key file records it)
        assertDemoProducts(extractor(false, TestVectors.path(DEMO + "danny.pub")).extract(payload),
                "36a5529f72cf3b1cc096a28887350969212f9d6c46529658ab186fc0cb781699");
    }

    @Test
    void thresholdOfTwoIsMetByTwoFunctionariesReportingTheSameProducts() {
        TestKey danny = InTotoFixtures.danny();
        ObjectNode layout = demoLayout(DEMO, LATER, false);
        authorize(layout, "package", danny);
        step(layout, "package").put("threshold", 2);
        Map<String, JsonNode> links = new LinkedHashMap<>(demoLinks(DEMO));
        links.put("package.36a5529f.link", metablock(linkBody(DEMO + "package.2f89b927.link"), danny));

        assertDemoProducts(extractor(false, ALICE_PUB).extract(payload(metablock(layout, ALICE), links, Map.of())),
                ALICE.keyId());
    }

    // ---- refusals, each with its reason

    @Test
    void expiredLayoutIsRefused() {
        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.expiredLayout("2026-11-26T11:59:59Z"),
                "the layout expired at 2026-11-26T11:59:59Z");
    }

    @Test
    void layoutSignedByAnUntrustedKeyIsRefusedEvenThoughTheLayoutListsThatKey() {
        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.untrustedLayoutKey(),
                "not signed by a trusted layout key", BOB.keyId(), ALICE.keyId());
    }

    @Test
    void dsseLayoutSignedByAnUntrustedKeyIsRefused() {
        String payload = payload(dsse(demoLayout(DSSE, LATER, false), CARL), demoLinks(DSSE), Map.of());

        assertRefused(extractor(false, ALICE_PUB), payload, "(DSSE envelope) is not signed by a trusted layout key");
    }

    @Test
    void withoutTrustedKeysEveryLayoutIsRefused() {
        String payload = payload(metablock(demoLayout(DEMO, LATER, false), ALICE), demoLinks(DEMO), Map.of());

        assertRefused(extractor(false), payload, "no trusted layout key is configured");
    }

    @Test
    void linkSignedByTheWrongKeyIsRefused() {
        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.linkSignedByTheWrongKey(),
                "step package: threshold not met, 0 of 1",
                "link package.2f89b927.link carries no valid signature by a functionary key of step package",
                BOB.keyId());
    }

    @Test
    void thresholdNotMetIsRefused() {
        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.thresholdNotMet(),
                "step package: threshold not met, 1 of 2 required functionary signature(s)");
    }

    @Test
    void missingLinkIsRefused() {
        Map<String, JsonNode> links = Map.of("write-code.776a00e2.link", vector(DEMO + "write-code.776a00e2.link"));
        String payload = payload(metablock(demoLayout(DEMO, LATER, false), ALICE), links, Map.of());

        assertRefused(extractor(false, ALICE_PUB), payload, "step package: threshold not met, 0 of 1",
                "no link reports this step");
    }

    @Test
    void tamperedProductInASignedLinkIsRefused() {
        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.tamperedProductInLink(),
                "step package: threshold not met", "carries no valid signature");
    }

    @Test
    void tamperedFinalProductIsRefused() {
        byte[] tarball = TestVectors.bytes(DEMO + "foo.tar.gz");
        tarball[tarball.length - 1] ^= 1;

        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.tamperedFinalProduct(sha256(tarball)),
                "artifact foo.tar.gz does not match the product of step package", FOO_TAR_GZ_SHA256);
    }

    @Test
    void artifactRuleViolationIsRefused() {
        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.artifactRuleViolated(),
                "step package: material rule \"DISALLOW *\" failed: [foo.py] not authorised by an earlier rule");
    }

    @Test
    void productOutsideTheRulesIsRefused() {
        ObjectNode packageLink = linkBody(DEMO + "package.2f89b927.link");
        ((ObjectNode) packageLink.path("products")).putObject("backdoor.sh").put("sha256", "22".repeat(32));
        ObjectNode layout = demoLayout(DEMO, LATER, false);
        ((ArrayNode) step(layout, "package").path("expected_products")).addArray().add("DISALLOW").add("*");
        Map<String, JsonNode> links = new LinkedHashMap<>(demoLinks(DEMO));
        links.put("package.2f89b927.link", metablock(packageLink, CARL));

        assertRefused(extractor(false, ALICE_PUB), payload(metablock(layout, ALICE), links, Map.of()),
                "step package: product rule \"DISALLOW *\" failed: [backdoor.sh]");
    }

    @Test
    void linkOfAStepTheLayoutDoesNotHaveIsRefused() {
        ObjectNode extra = linkBody(DEMO + "write-code.776a00e2.link");
        extra.put("name", "deploy");
        Map<String, JsonNode> links = new LinkedHashMap<>(demoLinks(DEMO));
        links.put("deploy.link", metablock(extra, BOB));

        assertRefused(extractor(false, ALICE_PUB), payload(metablock(demoLayout(DEMO, LATER, false), ALICE), links,
                Map.of()), "link deploy.link reports step deploy, which the layout does not have");
    }

    @Test
    void sublayoutsAreRefused() {
        Map<String, JsonNode> links = new LinkedHashMap<>(demoLinks(DEMO));
        links.put("package.2f89b927.link", metablock(demoLayout(DEMO, LATER, false), CARL));

        assertRefused(extractor(false, ALICE_PUB), payload(metablock(demoLayout(DEMO, LATER, false), ALICE), links,
                Map.of()), "sublayouts are not supported");
    }

    @Test
    void malformedPayloadsAreRefusedWithTheReason() {
        InTotoExtractor extractor = extractor(false, ALICE_PUB);
        String layout = Json.write(metablock(demoLayout(DEMO, LATER, false), ALICE));

        assertRefused(extractor, "{\"layout\": ", "not valid JSON");
        assertRefused(extractor, "{\"layout\": " + layout + ", \"links\": {}, \"link\": {}}",
                "unknown member \"link\"");
        assertRefused(extractor, "{\"links\": {}}", "lacks the root layout");
        assertRefused(extractor, "{\"layout\": " + layout + "}", "lacks \"links\"");
        assertRefused(extractor, "{\"layout\": {\"payload\": \"e30=\", \"payloadType\": \"text/plain\","
                + " \"signatures\": []}, \"links\": {}}", "payloadType is \"text/plain\"");
        assertRefused(extractor, "{\"layout\": {\"signed\": {\"_type\": \"layout\", \"n\": 1.5}, \"signatures\": []},"
                + " \"links\": {}}", "canonical JSON has no form for non-integers");
        assertRefused(extractor, "{\"layout\": [], \"links\": {}}", "must be a JSON object");
    }

    /** A DSSE envelope signed with ECDSA P-384 (SHA-384), the scheme of a P-384 layout key. */
    private static ObjectNode dsseSignedWith384(ObjectNode body, TestKey signer) {
        try {
            byte[] payload = Json.writeBytes(body);
            java.security.Signature signature = java.security.Signature.getInstance("SHA384withECDSA");
            signature.initSign(signer.privateKey());
            signature.update(DsseEnvelope.pae("application/vnd.in-toto+json", payload));
            ObjectNode envelope = Json.MAPPER.createObjectNode();
            envelope.put("payload", Base64.getEncoder().encodeToString(payload));
            envelope.put("payloadType", "application/vnd.in-toto+json");
            envelope.putArray("signatures").addObject().put("keyid", signer.keyId())
                    .put("sig", Base64.getEncoder().encodeToString(signature.sign()));
            return envelope;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
