package dev.arca.rvps.extractor.intoto;

import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DANNY;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DEMO;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DEMO_FOO_PY_SHA256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DEMO_FOO_TAR_GZ_SHA256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.DSSE;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.FOO_PY_SHA256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.FOO_TAR_GZ;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.FOO_TAR_GZ_SHA256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.TRUSTEE;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.authorize;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.demoLayout;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.demoLinks;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.dsse;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.dsseLinks;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.layout;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.linkName;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.links;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.metablock;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.packageLink;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.payload;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.sha256;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.step;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.vector;
import static dev.arca.rvps.extractor.intoto.InTotoFixtures.writeCodeLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Json;
import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-toto extractor on the synthetic supply chain of {@link InTotoFixtures} (every rule, key type, wrapping and
 * refusal), and, when the real-evidence corpus is present, on the published metadata of the in-toto demo and of
 * Trustee's demo as the in-toto tooling signed it.
 */
class InTotoExtractorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String LATER = "2030-01-01T00:00:00Z";

    private static final TestKey ALICE = InTotoFixtures.ALICE;
    private static final TestKey BOB = InTotoFixtures.BOB;
    private static final TestKey CARL = InTotoFixtures.CARL;
    private static final Path ALICE_PUB = InTotoFixtures.publicKeyFile(ALICE);

    private static InTotoExtractor extractor(boolean ignoreInspections, Path... trustedKeys) {
        return new InTotoExtractor(new InTotoProperties(List.of(trustedKeys), "in-toto/", ignoreInspections), CLOCK);
    }

    private static Map<String, String> values(Extraction extraction) {
        Map<String, String> values = new LinkedHashMap<>();
        extraction.values().forEach(value -> values.put(value.name(), Json.write(value.value())));
        return values;
    }

    private static void assertProducts(Extraction extraction, String signerKeyId) {
        assertProducts(extraction, signerKeyId, FOO_PY_SHA256, FOO_TAR_GZ_SHA256);
    }

    private static void assertProducts(Extraction extraction, String signerKeyId, String fooPy, String fooTarGz) {
        assertThat(values(extraction)).containsExactly(
                Map.entry("in-toto/foo.py", "[\"sha256:" + fooPy + "\"]"),
                Map.entry("in-toto/foo.tar.gz", "[\"sha256:" + fooTarGz + "\"]"));
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
    void layoutSignedByAliceVerifiesAsMetablock() {
        String payload = payload(metablock(layout(LATER, false), ALICE), links(),
                Map.of("foo.tar.gz", sha256(FOO_TAR_GZ)));

        assertProducts(extractor(false, ALICE_PUB).extract(payload), ALICE.keyId());
    }

    @Test
    void layoutSignedByAliceVerifiesAsDsseEnvelopeWithDsseLinks() {
        String payload = payload(dsse(layout(LATER, false), ALICE), dsseLinks(), Map.of());

        assertProducts(extractor(false, ALICE_PUB).extract(payload), ALICE.keyId());
    }

    @Test
    void payloadMayBeStandardBase64() {
        String json = payload(metablock(layout(LATER, false), ALICE), links(), Map.of());
        String base64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

        assertProducts(extractor(false, ALICE_PUB).extract(base64), ALICE.keyId());
    }

    @Test
    void valuesExpireWithTheLayoutWhenItExpiresFirst() {
        String payload = payload(metablock(layout("2027-01-31T23:59:59Z", false), ALICE), links(), Map.of());

        assertThat(extractor(false, ALICE_PUB).extract(payload).values()).extracting(ReferenceValue::expiration)
                .containsOnly(Instant.parse("2027-01-31T23:59:59Z"));
    }

    @Test
    void inspectionsAreSkippedOnlyWhenConfigured() {
        String payload = payload(metablock(layout(LATER, true), ALICE), links(), Map.of());

        assertRefused(extractor(false, ALICE_PUB), payload, "inspections [untar]", "never runs",
                "arca.rvps.in-toto.ignore-inspections");
        assertProducts(extractor(true, ALICE_PUB).extract(payload), ALICE.keyId());
    }

    @Test
    void ed25519AndEcdsaFunctionariesAreVerified() {
        TestKey ecdsa = InTotoFixtures.newEcdsa();
        ObjectNode layout = layout(LATER, false);
        ((ArrayNode) step(layout, "write-code").path("pubkeys")).removeAll();
        ((ArrayNode) step(layout, "package").path("pubkeys")).removeAll();
        authorize(layout, "write-code", DANNY);
        authorize(layout, "package", ecdsa);
        Map<String, JsonNode> links = Map.of(
                linkName("write-code", DANNY), metablock(writeCodeLink(), DANNY),
                linkName("package", ecdsa), dsse(packageLink(), ecdsa));

        assertProducts(extractor(false, ALICE_PUB).extract(payload(metablock(layout, ALICE), links, Map.of())),
                ALICE.keyId());
    }

    @Test
    void ecdsaLayoutKeyFromAPemFile(@TempDir Path dir) throws IOException {
        KeyPair owner = InTotoFixtures.generate("EC", new ECGenParameterSpec("secp384r1"));
        Path pem = Files.writeString(dir.resolve("owner.pub"), PemKeys.toPem(owner.getPublic()));
        InTotoKey ownerKey = InTotoKey.fromPublicKey(owner.getPublic());
        TestKey signer = new TestKey(ownerKey.keyId(), owner.getPrivate(), null);

        Extraction extraction = extractor(false, pem).extract(payload(
                dsseSignedWith384(layout(LATER, false), signer), links(), Map.of()));

        assertThat(ownerKey.scheme()).isEqualTo(InTotoKey.ECDSA_P384);
        assertProducts(extraction, ownerKey.keyId());
    }

    @Test
    void ed25519LayoutKeyFromASecuresystemslibJsonKeyFile(@TempDir Path dir) throws IOException {
        String publicHex = DANNY.keyObject().path("keyval").path("public").asString();
        Path keyFile = Files.writeString(dir.resolve("danny.pub"), "{\"keyval\": {\"public\": \"" + publicHex
                + "\"}, \"keytype\": \"ed25519\", \"scheme\": \"ed25519\", \"keyid_hash_algorithms\": [\"sha256\","
                + " \"sha512\"]}");
        String payload = payload(metablock(layout(LATER, false), DANNY), links(), Map.of());

        // the key id is the SHA-256 of the key object's canonical JSON (sorted keys, no spaces)
        String keyId = sha256(("{\"keyid_hash_algorithms\":[\"sha256\",\"sha512\"],\"keytype\":\"ed25519\","
                + "\"keyval\":{\"public\":\"" + publicHex + "\"},\"scheme\":\"ed25519\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertProducts(extractor(false, keyFile).extract(payload), keyId);
    }

    @Test
    void thresholdOfTwoIsMetByTwoFunctionariesReportingTheSameProducts() {
        ObjectNode layout = layout(LATER, false);
        authorize(layout, "package", DANNY);
        step(layout, "package").put("threshold", 2);
        Map<String, JsonNode> links = new LinkedHashMap<>(links());
        links.put(linkName("package", DANNY), metablock(packageLink(), DANNY));

        assertProducts(extractor(false, ALICE_PUB).extract(payload(metablock(layout, ALICE), links, Map.of())),
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
        String payload = payload(dsse(layout(LATER, false), CARL), dsseLinks(), Map.of());

        assertRefused(extractor(false, ALICE_PUB), payload, "(DSSE envelope) is not signed by a trusted layout key");
    }

    @Test
    void withoutTrustedKeysEveryLayoutIsRefused() {
        String payload = payload(metablock(layout(LATER, false), ALICE), links(), Map.of());

        assertRefused(extractor(false), payload, "no trusted layout key is configured");
    }

    @Test
    void linkSignedByTheWrongKeyIsRefused() {
        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.linkSignedByTheWrongKey(),
                "step package: threshold not met, 0 of 1",
                "link " + linkName("package", CARL) + " carries no valid signature by a functionary key of step"
                        + " package",
                BOB.keyId());
    }

    @Test
    void thresholdNotMetIsRefused() {
        assertRefused(extractor(false, ALICE_PUB), InTotoScenarios.thresholdNotMet(),
                "step package: threshold not met, 1 of 2 required functionary signature(s)");
    }

    @Test
    void missingLinkIsRefused() {
        Map<String, JsonNode> links = Map.of(linkName("write-code", BOB), links().get(linkName("write-code", BOB)));
        String payload = payload(metablock(layout(LATER, false), ALICE), links, Map.of());

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
        byte[] tarball = FOO_TAR_GZ.clone();
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
        ObjectNode packageLink = packageLink();
        ((ObjectNode) packageLink.path("products")).putObject("backdoor.sh").put("sha256", "22".repeat(32));
        ObjectNode layout = layout(LATER, false);
        ((ArrayNode) step(layout, "package").path("expected_products")).addArray().add("DISALLOW").add("*");
        Map<String, JsonNode> links = new LinkedHashMap<>(links());
        links.put(linkName("package", CARL), metablock(packageLink, CARL));

        assertRefused(extractor(false, ALICE_PUB), payload(metablock(layout, ALICE), links, Map.of()),
                "step package: product rule \"DISALLOW *\" failed: [backdoor.sh]");
    }

    @Test
    void linkOfAStepTheLayoutDoesNotHaveIsRefused() {
        ObjectNode extra = writeCodeLink();
        extra.put("name", "deploy");
        Map<String, JsonNode> links = new LinkedHashMap<>(links());
        links.put("deploy.link", metablock(extra, BOB));

        assertRefused(extractor(false, ALICE_PUB), payload(metablock(layout(LATER, false), ALICE), links,
                Map.of()), "link deploy.link reports step deploy, which the layout does not have");
    }

    @Test
    void sublayoutsAreRefused() {
        Map<String, JsonNode> links = new LinkedHashMap<>(links());
        links.put(linkName("package", CARL), metablock(layout(LATER, false), CARL));

        assertRefused(extractor(false, ALICE_PUB), payload(metablock(layout(LATER, false), ALICE), links,
                Map.of()), "sublayouts are not supported");
    }

    @Test
    void malformedPayloadsAreRefusedWithTheReason() {
        InTotoExtractor extractor = extractor(false, ALICE_PUB);
        String layout = Json.write(metablock(layout(LATER, false), ALICE));

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

    /**
     * The published in-toto metadata: Trustee's demo as the in-toto tooling signed it, and the in-toto demo's layout
     * templates and links signed by its published test keys.
     */
    @Nested
    @RealEvidence
    class OnPublishedMetadata {

        @Test
        void trusteeDemoSignedByTheInTotoToolingVerifiesWithAlicesKey() {
            Map<String, JsonNode> links = new LinkedHashMap<>();
            links.put("write-code.b7d643de.link", vector(TRUSTEE + "write-code.b7d643de.link"));
            links.put("package.d3ffd108.link", vector(TRUSTEE + "package.d3ffd108.link"));
            String payload = payload(vector(TRUSTEE + "demo.layout"), links,
                    Map.of("foo.tar.gz", sha256(Corpus.bytes(TRUSTEE + "foo.tar.gz"))));

            Extraction extraction = extractor(true, Corpus.path(TRUSTEE + "alice.pub")).extract(payload);

            // the layout's signature names alice's key id
            assertProducts(extraction, "70ca5750c2eda80b18f41f4ec5f92146789b5d68dd09577be422a0159bd13680",
                    DEMO_FOO_PY_SHA256, DEMO_FOO_TAR_GZ_SHA256);
        }

        @Test
        void demoTemplateSignedByAliceVerifiesAsMetablockAndAsDsse() {
            TestKey alice = InTotoFixtures.demoRsa("alice");
            Path alicePub = Corpus.path(DEMO + "alice.pub");
            String metablock = payload(metablock(demoLayout(DEMO, LATER, false), alice), demoLinks(DEMO),
                    Map.of("foo.tar.gz", sha256(Corpus.bytes(DEMO + "foo.tar.gz"))));
            String dsse = payload(dsse(demoLayout(DSSE, LATER, false), alice), demoLinks(DSSE), Map.of());

            assertProducts(extractor(false, alicePub).extract(metablock), alice.keyId(), DEMO_FOO_PY_SHA256,
                    DEMO_FOO_TAR_GZ_SHA256);
            assertProducts(extractor(false, alicePub).extract(dsse), alice.keyId(), DEMO_FOO_PY_SHA256,
                    DEMO_FOO_TAR_GZ_SHA256);
        }

        @Test
        void ed25519LayoutKeyFromTheDemosSecuresystemslibKeyFile() {
            TestKey danny = InTotoFixtures.danny();
            String payload = payload(metablock(demoLayout(DEMO, LATER, false), danny), demoLinks(DEMO), Map.of());

            // danny's key id as the in-toto tooling computed it (the demo's private key file records it)
            assertProducts(extractor(false, Corpus.path(DEMO + "danny.pub")).extract(payload),
                    "36a5529f72cf3b1cc096a28887350969212f9d6c46529658ab186fc0cb781699", DEMO_FOO_PY_SHA256,
                    DEMO_FOO_TAR_GZ_SHA256);
        }
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
