package dev.arca.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.admin.cli.AdminCli;
import dev.arca.admin.image.EncryptionKeyProvider;
import dev.arca.admin.image.KbsKekRegistry;
import dev.arca.admin.image.KekStore;
import dev.arca.admin.kbs.KbsAdminClient;
import dev.arca.agent.attester.SampleAttester;
import dev.arca.agent.cli.AgentCli;
import dev.arca.agent.image.OciLayout;
import dev.arca.agent.image.Skopeo;
import dev.arca.agent.image.TestImages;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsClientListener;
import dev.arca.agent.keyprovider.LayerKeyUnwrapper;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Base64s;
import dev.arca.model.resource.ResourceUri;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Encrypted container images end to end against the running suite (real processes, real HTTP): the tenant encrypts
 * an image (key-encryption key into the KBS through the admin API), the image is pushed to a local OCI layout (by
 * skopeo when installed), a sample-TEE guest attests and decrypts it, byte for byte. And the key-provider packets
 * against {@link KeyProviderTestImplementation}, in Go's and ocicrypt-rs's spelling, both ways.
 */
class ImageEncryptionIT {

    static final String ADMIT_SAMPLE = "input.submods.cpu0[\"ear.status\"] == \"affirming\""
            + " && request.path[0] == \"tenant\"";
    static final byte[] OPTS = "{\"symkey\":\"c2VjcmV0LWxheWVyLWtleQ==\",\"digest\":\"sha256:ab\",\"cipheroptions\":{}}"
            .getBytes(StandardCharsets.UTF_8);

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.start();
        String payload = Base64s.std(("{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"],\"major_version\":1,"
                + "\"minimum_minor_version\":0}").getBytes(StandardCharsets.UTF_8));
        assertThat(suite.adminPost("/kbs/v0/reference-value", "application/json",
                ("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + payload + "\"}")
                        .getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
        String policy = "{\"policy\":\"" + Base64s.url(ADMIT_SAMPLE.getBytes(StandardCharsets.UTF_8)) + "\"}";
        assertThat(suite.adminPost("/kbs/v0/resource-policy", "application/json",
                policy.getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    /** A sample-TEE guest that counts its attestations. */
    static KbsClient guest(List<String> steps) {
        return KbsClient.builder(URI.create(suite.kbs()), new SampleAttester())
                .listener(new KbsClientListener() {
                    @Override
                    public void attested(String token, String earStatus) {
                        steps.add("attested:" + earStatus);
                    }
                }).build();
    }

    @Test
    void encryptPushAttestDecrypt() throws Exception {
        Path work = Files.createDirectories(suite.dir.resolve("images"));
        OciLayout plain = OciLayout.create(work.resolve("plain"));
        List<byte[]> original = TestImages.write(plain, "v1", 20_000, 300);

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair tenant = rsa.generateKeyPair();
        Path recipient = Files.writeString(work.resolve("tenant-pub.pem"), PemKeys.toPem(tenant.getPublic()));

        // the tenant: ./arca image encrypt (= arca admin image-encrypt), key-encryption key into the KBS
        Output encrypt = new Output();
        int status = AdminCli.run(new String[] {"image-encrypt", "--dir", suite.dir.toString(), "--kbs", suite.kbs(),
                "--keyid", "kbs:///tenant/image-kek/app", "--recipient", recipient.toString(),
                "oci:" + plain.dir() + ":v1", "oci:" + work.resolve("encrypted") + ":v1"}, encrypt.out, encrypt.err);
        assertThat(status).as(encrypt.err()).isZero();
        assertThat(encrypt.out()).contains("2 layer(s) encrypted").contains("kbs:///tenant/image-kek/app");
        assertThat(Files.readAllBytes(suite.dir.resolve("image-keys/tenant/image-kek/app"))).hasSize(32);

        // the push to a local OCI layout: skopeo (which copies encrypted layers as they are), else our own layout
        Path pushed = work.resolve("registry");
        if (Skopeo.find() != null) {
            Skopeo.copy("oci:" + work.resolve("encrypted") + ":v1", "oci:" + pushed + ":v1");
        } else {
            System.out.println("skopeo is not installed (apt-get install -y skopeo): the push is a plain copy");
            pushed = work.resolve("encrypted");
        }
        OciLayout registry = OciLayout.open(pushed);
        assertThat(TestImages.mediaTypes(registry, "v1")).allMatch(type -> type.endsWith("+encrypted"));
        assertThat(TestImages.layers(registry, "v1")).doesNotContainAnyElementsOf(original);

        // the guest: ./arca image decrypt (= arca-agent image-decrypt) attests as the sample TEE for the key
        Output decrypt = new Output();
        status = AgentCli.run(new String[] {"image-decrypt", "--kbs", suite.kbs(), "--tee", "sample", "--verbose",
                "oci:" + pushed + ":v1", "oci:" + work.resolve("decrypted") + ":v1"}, decrypt.out, decrypt.err);
        assertThat(status).as(decrypt.err()).isZero();
        assertThat(decrypt.err()).contains("attest: token received");
        OciLayout decrypted = OciLayout.open(work.resolve("decrypted"));
        assertThat(TestImages.layers(decrypted, "v1")).containsExactlyElementsOf(original);
        assertThat(TestImages.mediaTypes(decrypted, "v1")).containsOnly("application/vnd.oci.image.layer.v1.tar+gzip");

        // the tenant's jwe recipient opens the same image with skopeo, without the KBS
        if (Skopeo.find() != null) {
            Path key = Files.writeString(work.resolve("tenant-key.pem"), PemKeys.toPem(tenant.getPrivate()));
            Skopeo.copy("--decryption-key", key.toString(), "oci:" + pushed + ":v1", "oci:" + work.resolve("sk") + ":v1");
            assertThat(TestImages.layers(OciLayout.open(work.resolve("sk")), "v1")).containsExactlyElementsOf(original);
        }
    }

    /** The reference provider wraps; the KEK goes to the KBS; Arca's guest provider opens it after attestation. */
    @ParameterizedTest
    @EnumSource(KeyProviderTestImplementation.Style.class)
    void referenceAnnotationsOpenWithArcasGuestProvider(KeyProviderTestImplementation.Style style) throws Exception {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        String tag = "ref-" + style.name().toLowerCase();
        assertThat(suite.adminPost("/kbs/v0/resource/tenant/image-kek/" + tag, "application/octet-stream", kek)
                .statusCode()).isBetween(200, 299);
        KeyProviderTestImplementation reference = new KeyProviderTestImplementation(kid -> kek);
        for (String algorithm : List.of("A256GCM", "A256CTR")) {
            byte[] wrapOutput = reference.handleWrap(KeyProviderTestImplementation.wrapRequest(style,
                    "keyid=kbs:///tenant/image-kek/" + tag + "::algorithm=" + algorithm, OPTS), kek).getKey();
            byte[] annotation = KeyProviderTestImplementation.readResult(style, wrapOutput, "keywrapresults", "annotation");

            List<String> steps = new ArrayList<>();
            KbsClient guest = guest(steps);
            LayerKeyUnwrapper arca = new LayerKeyUnwrapper(uri -> {
                try {
                    return guest.getResource(uri);
                } catch (dev.arca.agent.kbs.KbsException e) {
                    throw new dev.arca.model.image.KeyProviderException(e.getMessage(), e);
                }
            });
            byte[] answer = arca.handle(KeyProviderTestImplementation.unwrapRequest(style, annotation));
            assertThat(KeyProviderTestImplementation.readResult(style, answer, "keyunwrapresults", "optsdata"))
                    .isEqualTo(OPTS);
            assertThat(steps).containsExactly("attested:affirming");
        }
    }

    /** Arca's encryption provider wraps (KEK into the KBS); the reference provider opens it with the KBS's key. */
    @ParameterizedTest
    @EnumSource(KeyProviderTestImplementation.Style.class)
    void arcasAnnotationsOpenWithTheReferenceProvider(KeyProviderTestImplementation.Style style) throws Exception {
        KbsAdminClient admin = new KbsAdminClient(URI.create(suite.kbs()), suite::adminToken);
        Path tenantDir = Files.createTempDirectory(suite.dir, "tenant-");
        EncryptionKeyProvider arca = new EncryptionKeyProvider(new KekStore(tenantDir), new KbsKekRegistry(admin));
        String kid = "kbs:///tenant/image-kek/arca-" + style.name().toLowerCase();
        byte[] output = arca.handle(KeyProviderTestImplementation.wrapRequest(style, "keyid=" + kid, OPTS));
        byte[] annotation = KeyProviderTestImplementation.readResult(style, output, "keywrapresults", "annotation");

        // the key is where the annotation says, and only an attested guest gets it
        List<String> steps = new ArrayList<>();
        KbsClient guest = guest(steps);
        KeyProviderTestImplementation reference = new KeyProviderTestImplementation(id -> {
            try {
                return guest.getResource(ResourceUri.parse(id));
            } catch (dev.arca.agent.kbs.KbsException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] answer = reference.handleUnwrap(KeyProviderTestImplementation.unwrapRequest(style, annotation));
        assertThat(KeyProviderTestImplementation.readResult(style, answer, "keyunwrapresults", "optsdata"))
                .isEqualTo(OPTS);
        assertThat(steps).containsExactly("attested:affirming");
    }

    /** Captured stdout and stderr of an in-process CLI run. */
    static final class Output {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
