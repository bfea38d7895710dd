package dev.arca.rvps.extractor.intoto;

import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds in-toto test material. A synthetic supply chain made here — keys generated for the run (alice owns the
 * layout, bob writes code, carl packages, danny has an ed25519 key), a layout of two steps with artifact rules and an
 * inspection, the links each functionary signs — in both wrappings (classic metablock and DSSE envelope). And, for
 * the tests that run only with the real-evidence corpus, the in-toto demo's published metadata and test keys.
 */
final class InTotoFixtures {

    static final String DEMO = "in-toto/intoto-demo/";
    static final String DSSE = "in-toto/intoto-dsse/";
    static final String TRUSTEE = "in-toto/trustee/";

    /** sha256 of the two artifacts of the in-toto demo, as its published links record them. */
    static final String DEMO_FOO_PY_SHA256 = "74dc3727c6e89308b39e4dfedf787e37841198b1fa165a27c013544a60502549";
    static final String DEMO_FOO_TAR_GZ_SHA256 = "52947cb78b91ad01fe81cd6aef42d1f6817e92b9e6936c1e5aabb7c98514f355";

    /** The synthetic chain's artifacts: the source bob writes and the archive carl makes of it. */
    static final byte[] FOO_PY = "print('hello from the synthetic supply chain')\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] FOO_TAR_GZ = "synthetic archive of foo.py".getBytes(StandardCharsets.UTF_8);
    static final String FOO_PY_SHA256 = sha256(FOO_PY);
    static final String FOO_TAR_GZ_SHA256 = sha256(FOO_TAR_GZ);

    static final TestKey ALICE = newRsa();
    static final TestKey BOB = newRsa();
    static final TestKey CARL = newRsa();
    static final TestKey DANNY = newEd25519();

    private InTotoFixtures() {
    }

    /**
     * A test key: its private half, and its public key object as a layout lists it.
     */
    record TestKey(String keyId, PrivateKey privateKey, ObjectNode keyObject) {
    }

    // ---- the synthetic chain

    /** A fresh 2048-bit RSA key with the rsassa-pss-sha256 scheme, as securesystemslib describes one. */
    static TestKey newRsa() {
        KeyPair pair = generate("RSA", new java.security.spec.RSAKeyGenParameterSpec(2048,
                java.security.spec.RSAKeyGenParameterSpec.F4));
        ObjectNode key = keyObject("rsa", InTotoKey.RSASSA_PSS_SHA256, PemKeys.toPem(pair.getPublic()).strip());
        return new TestKey(InTotoKey.fromMetadata(null, key).keyId(), pair.getPrivate(), key);
    }

    /** A fresh ed25519 key; securesystemslib stores its public half as the hex of the raw 32 bytes. */
    static TestKey newEd25519() {
        KeyPair pair = generate("Ed25519", null);
        byte[] spki = pair.getPublic().getEncoded();
        String raw = Hex.of(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        ObjectNode key = keyObject("ed25519", InTotoKey.ED25519, raw);
        return new TestKey(InTotoKey.fromMetadata(null, key).keyId(), pair.getPrivate(), key);
    }

    /**
     * The layout: write-code (bob) creates foo.py; package (carl) takes foo.py from write-code and creates
     * foo.tar.gz; the untar inspection (kept only when asked) checks that the archive holds write-code's foo.py.
     */
    static ObjectNode layout(String expires, boolean keepInspections) {
        ObjectNode layout = JsonNodeFactory.instance.objectNode();
        layout.put("_type", "layout");
        layout.put("expires", expires);
        layout.put("readme", "synthetic supply chain of the RVPS tests");
        layout.putObject("keys");
        ArrayNode steps = layout.putArray("steps");
        ObjectNode writeCode = steps.addObject();
        writeCode.put("_type", "step").put("name", "write-code").put("threshold", 1);
        writeCode.putArray("pubkeys");
        writeCode.putArray("expected_command");
        writeCode.putArray("expected_materials");
        writeCode.putArray("expected_products").addArray().add("CREATE").add("foo.py");
        ObjectNode pack = steps.addObject();
        pack.put("_type", "step").put("name", "package").put("threshold", 1);
        pack.putArray("pubkeys");
        pack.putArray("expected_command").add("tar").add("zcvf").add("foo.tar.gz").add("foo.py");
        pack.putArray("expected_materials").addArray().add("MATCH").add("foo.py").add("WITH").add("PRODUCTS")
                .add("FROM").add("write-code");
        ArrayNode products = pack.putArray("expected_products");
        products.addArray().add("CREATE").add("foo.tar.gz");
        products.addArray().add("ALLOW").add("foo.py");
        authorize(layout, "write-code", BOB);
        authorize(layout, "package", CARL);
        ArrayNode inspections = layout.putArray("inspect");
        if (keepInspections) {
            ObjectNode untar = inspections.addObject();
            untar.put("_type", "inspection").put("name", "untar");
            untar.putArray("run").add("tar").add("xzf").add("foo.tar.gz");
            untar.putArray("expected_materials").addArray().add("MATCH").add("foo.tar.gz").add("WITH")
                    .add("PRODUCTS").add("FROM").add("package");
            untar.putArray("expected_products").addArray().add("MATCH").add("foo.py").add("WITH").add("PRODUCTS")
                    .add("FROM").add("write-code");
        } else {
            layout.remove("inspect");
        }
        return layout;
    }

    /** What bob's write-code run recorded (unsigned). */
    static ObjectNode writeCodeLink() {
        return link("write-code", List.of(), Map.of(), Map.of("foo.py", FOO_PY_SHA256));
    }

    /** What carl's package run recorded (unsigned). */
    static ObjectNode packageLink() {
        return link("package", List.of("tar", "zcvf", "foo.tar.gz", "foo.py"), Map.of("foo.py", FOO_PY_SHA256),
                Map.of("foo.tar.gz", FOO_TAR_GZ_SHA256));
    }

    static ObjectNode link(String step, List<String> command, Map<String, String> materials,
            Map<String, String> products) {
        ObjectNode link = JsonNodeFactory.instance.objectNode();
        link.put("_type", "link");
        link.put("name", step);
        ArrayNode commandArray = link.putArray("command");
        command.forEach(commandArray::add);
        ObjectNode materialObject = link.putObject("materials");
        materials.forEach((path, digest) -> materialObject.putObject(path).put("sha256", digest));
        ObjectNode productObject = link.putObject("products");
        products.forEach((path, digest) -> productObject.putObject(path).put("sha256", digest));
        link.putObject("byproducts").put("return-value", 0).put("stderr", "").put("stdout", "");
        link.putObject("environment");
        return link;
    }

    /** The file name the in-toto tooling gives a link: step, the signer's key id prefix, ".link". */
    static String linkName(String step, TestKey signer) {
        return step + "." + signer.keyId().substring(0, 8) + ".link";
    }

    /** A PEM file (deleted when the JVM exits) of the key's public half, as a trusted layout key is configured. */
    static java.nio.file.Path publicKeyFile(TestKey key) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("in-toto-", ".pub");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, key.keyObject().path("keyval").path("public").asString()
                    + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The two links, each signed by its functionary, as classic metablocks. */
    static Map<String, JsonNode> links() {
        Map<String, JsonNode> links = new LinkedHashMap<>();
        links.put(linkName("write-code", BOB), metablock(writeCodeLink(), BOB));
        links.put(linkName("package", CARL), metablock(packageLink(), CARL));
        return links;
    }

    /** The two links, each signed by its functionary, as DSSE envelopes. */
    static Map<String, JsonNode> dsseLinks() {
        Map<String, JsonNode> links = new LinkedHashMap<>();
        links.put(linkName("write-code", BOB), dsse(writeCodeLink(), BOB));
        links.put(linkName("package", CARL), dsse(packageLink(), CARL));
        return links;
    }

    // ---- the in-toto demo's published metadata (real-evidence tests only)

    /** A demo RSA key pair ({@code alice}, {@code bob}, {@code carl}): PKCS#1 private PEM and SPKI public PEM. */
    static TestKey demoRsa(String name) {
        String publicPem = Corpus.text(DEMO + name + ".pub").strip();
        ObjectNode key = keyObject("rsa", InTotoKey.RSASSA_PSS_SHA256, publicPem);
        return new TestKey(InTotoKey.fromMetadata(null, key).keyId(), pkcs1(Corpus.text(DEMO + name)), key);
    }

    /** danny's ed25519 key, stored in securesystemslib's JSON key format. */
    static TestKey danny() {
        JsonNode file = Json.tree(Corpus.text(DEMO + "danny"));
        ObjectNode key = keyObject("ed25519", InTotoKey.ED25519, file.path("keyval").path("public").asString());
        byte[] seed = Hex.parse(file.path("keyval").path("private").asString());
        byte[] pkcs8 = Hex.parse("302e020100300506032b657004220420" + Hex.of(seed));
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new TestKey(InTotoKey.fromMetadata(null, key).keyId(), privateKey, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh P-256 key, as securesystemslib describes an ecdsa key. */
    static TestKey newEcdsa() {
        KeyPair pair = generate("EC", new ECGenParameterSpec("secp256r1"));
        ObjectNode key = keyObject("ecdsa", InTotoKey.ECDSA_P256, PemKeys.toPem(pair.getPublic()).strip());
        return new TestKey(InTotoKey.fromMetadata(null, key).keyId(), pair.getPrivate(), key);
    }

    static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode keyObject(String keyType, String scheme, String publicText) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.putArray("keyid_hash_algorithms").add("sha256").add("sha512");
        key.put("keytype", keyType);
        key.putObject("keyval").put("public", publicText);
        key.put("scheme", scheme);
        return key;
    }

    /**
     * The demo layout template's body (metablock {@code signed} or DSSE payload) with an expiry set and, unless kept,
     * its inspection removed.
     */
    static ObjectNode demoLayout(String directory, String expires, boolean keepInspections) {
        JsonNode template = Json.tree(Corpus.text(directory + "demo.layout.template"));
        ObjectNode body = template.has("signed")
                ? (ObjectNode) template.get("signed").deepCopy()
                : (ObjectNode) Json.tree(new String(Base64.getDecoder().decode(template.path("payload").asString()),
                        StandardCharsets.UTF_8));
        body.put("expires", expires);
        if (!keepInspections) {
            body.remove("inspect");
        }
        return body;
    }

    /** Adds a functionary key to the layout's keys and authorises it for the step. */
    static void authorize(ObjectNode layout, String step, TestKey key) {
        ObjectNode entry = key.keyObject().deepCopy();
        entry.put("keyid", key.keyId());
        ((ObjectNode) layout.path("keys")).set(key.keyId(), entry);
        ((ArrayNode) step(layout, step).path("pubkeys")).add(key.keyId());
    }

    static ObjectNode step(ObjectNode layout, String name) {
        for (JsonNode step : layout.path("steps")) {
            if (step.path("name").asString().equals(name)) {
                return (ObjectNode) step;
            }
        }
        throw new IllegalArgumentException("no step " + name);
    }

    static JsonNode vector(String relative) {
        return Json.tree(Corpus.text(relative));
    }

    /** The signed content of a vector link (metablock {@code signed}). */
    static ObjectNode linkBody(String relative) {
        return (ObjectNode) vector(relative).get("signed").deepCopy();
    }

    /** A classic metablock signed by the keys (signature over the canonical JSON of {@code signed}). */
    static ObjectNode metablock(JsonNode signed, TestKey... signers) {
        ObjectNode block = JsonNodeFactory.instance.objectNode();
        block.set("signed", signed);
        ArrayNode signatures = block.putArray("signatures");
        byte[] data = CanonicalJson.encode(signed);
        for (TestKey signer : signers) {
            signatures.addObject().put("keyid", signer.keyId()).put("sig", Hex.of(sign(signer, data)));
        }
        return block;
    }

    /** A DSSE envelope of the body signed by the keys (signature over the PAE). */
    static ObjectNode dsse(JsonNode body, TestKey... signers) {
        // DSSE signs the payload bytes as they are; canonical JSON (raw control characters) would not be JSON
        byte[] payload = Json.writeBytes(body);
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.put("payloadType", "application/vnd.in-toto+json");
        ArrayNode signatures = envelope.putArray("signatures");
        byte[] pae = DsseEnvelope.pae("application/vnd.in-toto+json", payload);
        for (TestKey signer : signers) {
            signatures.addObject().put("keyid", signer.keyId())
                    .put("sig", Base64.getEncoder().encodeToString(sign(signer, pae)));
        }
        return envelope;
    }

    static byte[] sign(TestKey key, byte[] data) {
        try {
            Signature signature = switch (key.privateKey().getAlgorithm()) {
                case "RSA" -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                case "EC" -> Signature.getInstance("SHA256withECDSA");
                default -> Signature.getInstance("Ed25519");
            };
            signature.initSign(key.privateKey());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code in-toto} message payload, plain JSON. */
    static String payload(JsonNode layout, Map<String, JsonNode> links, Map<String, String> sha256Artifacts) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("layout", layout);
        ObjectNode linkObject = payload.putObject("links");
        links.forEach(linkObject::set);
        if (!sha256Artifacts.isEmpty()) {
            ObjectNode artifacts = payload.putObject("artifacts");
            sha256Artifacts.forEach((path, digest) -> artifacts.putObject(path).put("sha256", digest));
        }
        return Json.write(payload);
    }

    static Map<String, JsonNode> demoLinks(String directory) {
        Map<String, JsonNode> links = new LinkedHashMap<>();
        links.put("write-code.776a00e2.link", vector(directory + "write-code.776a00e2.link"));
        links.put("package.2f89b927.link", vector(directory + "package.2f89b927.link"));
        return links;
    }

    static String sha256(byte[] data) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA private key from a PKCS#1 "RSA PRIVATE KEY" PEM, as the in-toto demo stores them. */
    private static PrivateKey pkcs1(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPrivateKey key = RSAPrivateKey.getInstance(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(key.getModulus(),
                    key.getPublicExponent(), key.getPrivateExponent(), key.getPrime1(), key.getPrime2(),
                    key.getExponent1(), key.getExponent2(), key.getCoefficient()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey publicKey(String pem) {
        return PemKeys.parsePublicKeys(pem).getFirst();
    }
}
