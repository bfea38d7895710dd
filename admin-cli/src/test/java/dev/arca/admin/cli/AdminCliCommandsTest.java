package dev.arca.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.policy.BuiltInResourcePolicy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Policy shortcuts, sample reference values, the AS and RVPS read/delete commands, and HTTPS with --kbs-cert. */
class AdminCliCommandsTest {

    @TempDir
    Path work;

    private Path dir;
    private RecordingKbsServer kbs;
    private RecordingKbsServer attestationService;
    private RecordingKbsServer rvps;
    private final AdminCliHarness cli = new AdminCliHarness();

    @BeforeEach
    void setUp() throws Exception {
        dir = work.resolve(".arca");
        kbs = new RecordingKbsServer();
        attestationService = new RecordingKbsServer();
        rvps = new RecordingKbsServer();
        assertThat(cli.run("init", "--dir", dir.toString())).isZero();
    }

    @AfterEach
    void tearDown() {
        kbs.close();
        attestationService.close();
        rvps.close();
    }

    private List<String> target() {
        return List.of("--dir", dir.toString(), "--kbs", kbs.url().toString(), "--as",
                attestationService.url().toString(), "--rvps", rvps.url().toString());
    }

    private static String policyText(RecordingKbsServer.Request request) {
        return new String(Base64s.fromUrl(Json.tree(request.bodyText()).get("policy").asString()),
                StandardCharsets.UTF_8);
    }

    /** ocicrypt's cmd mode: one keywrap request on stdin, the answer on stdout; the key goes to the KBS first. */
    @Test
    void imageKeyproviderAnswersOneKeywrapRequestFromStdin() throws Exception {
        kbs.answer(200, "application/json", "[]");
        java.util.function.Function<String, String> keywrap = keyid -> "{\"op\":\"keywrap\",\"keywrapparams\":{\"ec\":"
                + "{\"Parameters\":{\"attestation-agent\":[\"" + java.util.Base64.getEncoder().encodeToString(
                ("keyid=" + keyid).getBytes(StandardCharsets.UTF_8)) + "\"]},\"DecryptConfig\":{\"Parameters\":null}},"
                + "\"optsdata\":\"e30=\"},\"keyunwrapparams\":{\"dc\":null,\"annotation\":null}}";
        String request = keywrap.apply("kbs:///tenant/image-kek/app");
        assertThat(cli.stdin(request).run(target(), "image-keyprovider")).as(cli.stderr()).isZero();
        byte[] annotation = java.util.Base64.getDecoder().decode(
                Json.tree(cli.stdout()).at("/keywrapresults/annotation").asString());
        dev.arca.model.image.AnnotationPacket packet = dev.arca.model.image.AnnotationPacket.parse(annotation);
        assertThat(kbs.requests()).extracting(RecordingKbsServer.Request::method, RecordingKbsServer.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/kbs/v0/resource"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/kbs/v0/resource/tenant/image-kek/app"));
        RecordingKbsServer.Request stored = kbs.requests().get(1);
        assertThat(stored.authorization()).startsWith("Bearer ");
        assertThat(stored.contentType()).isEqualTo("application/octet-stream");
        assertThat(packet.open(stored.body())).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));

        kbs.answer(403, "application/problem+json", "{\"type\":\"x\",\"detail\":\"role reader may not\"}");
        assertThat(cli.stdin(keywrap.apply("kbs:///tenant/image-kek/other")).run(target(), "image-keyprovider")).isEqualTo(1);
        assertThat(cli.stdout()).isEmpty();
        assertThat(cli.stderr()).startsWith("error: image-keyprovider failed: ").contains("HTTP 403");

        assertThat(cli.run(List.of("--dir", dir.toString()), "image-keyprovider", "--grpc", "0.0.0.0:0")).isEqualTo(1);
        assertThat(cli.stderr()).contains("is not a loopback address");
    }

    @Test
    void resourcePolicyShortcuts() {
        assertThat(cli.run(target(), "set-resource-policy", "--allow-all")).isZero();
        assertThat(policyText(kbs.requests().getLast())).isEqualTo(BuiltInResourcePolicy.ALLOW_ALL.cel())
                .contains("request.plugin == \"resource\"");
        assertThat(cli.stdout().strip()).isEqualTo("resource policy resource-policy set --allow-all (cel) ("
                + BuiltInResourcePolicy.ALLOW_ALL.cel().getBytes(StandardCharsets.UTF_8).length + " bytes)");

        assertThat(cli.run(target(), "set-resource-policy", "--deny-all", "--id", "lockdown", "--binding", "t/"))
                .isZero();
        assertThat(kbs.requests().getLast().path()).isEqualTo("/kbs/v0/admin/resource-policies/lockdown");
        assertThat(policyText(kbs.requests().getLast())).isEqualTo(BuiltInResourcePolicy.DENY_ALL.cel());

        assertThat(cli.run(target(), "set-resource-policy", "--affirming")).isZero();
        assertThat(policyText(kbs.requests().getLast())).isEqualTo(BuiltInResourcePolicy.AFFIRMING.cel());

        // kbs-client's switches send Rego; --language rego sends Arca's Rego version of the same policy
        assertThat(cli.run(target(), "set-resource-policy", "--affirming", "--language", "rego")).isZero();
        assertThat(policyText(kbs.requests().getLast())).isEqualTo(BuiltInResourcePolicy.AFFIRMING.rego())
                .contains("package policy");
        assertThat(cli.run(target(), "set-resource-policy", "--default", "--language", "REGO")).isZero();
        assertThat(policyText(kbs.requests().getLast())).isEqualTo(BuiltInResourcePolicy.DEFAULT.rego());

        assertThat(cli.run(target(), "set-resource-policy", "--allow-all", "--language", "yaml")).isEqualTo(1);
        assertThat(cli.stderr()).contains("rego or cel");
        assertThat(cli.run(target(), "set-resource-policy", "--allow-all", "--deny-all")).isEqualTo(2);
        assertThat(cli.run(target(), "set-resource-policy")).isEqualTo(2);
        assertThat(kbs.requests()).hasSize(5);
    }

    @Test
    void sampleReferenceValueBuildsTheRvpsMessage() {
        kbs.answer(201, "application/json", "{\"registered\":[\"sample.svn\"]}");

        assertThat(cli.run(target(), "set-sample-reference-value", "sample.svn", "1", "2", "--as-integer")).isZero();

        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.path()).isEqualTo("/kbs/v0/reference-value");
        JsonNode message = Json.tree(request.bodyText());
        assertThat(message.get("version").asString()).isEqualTo("0.1.0");
        assertThat(message.get("type").asString()).isEqualTo("sample");
        assertThat(new String(Base64s.fromStd(message.get("payload").asString()), StandardCharsets.UTF_8))
                .isEqualTo("{\"sample.svn\":[1,2]}");
        assertThat(cli.stdout().strip()).isEqualTo("reference values registered: sample.svn");

        assertThat(cli.run(target(), "set-sample-reference-value", "launch_digest", "abcde")).isZero();
        assertThat(new String(Base64s.fromStd(Json.tree(kbs.requests().getLast().bodyText()).get("payload")
                .asString()), StandardCharsets.UTF_8)).isEqualTo("{\"launch_digest\":[\"abcde\"]}");

        assertThat(cli.run(target(), "set-sample-reference-value", "svn", "one", "--as-integer")).isEqualTo(1);
        assertThat(cli.stderr()).contains("'one' is not an integer");
        assertThat(cli.run(target(), "set-sample-reference-value", "svn")).isEqualTo(2);
        assertThat(kbs.requests()).hasSize(2);
    }

    @Test
    void attestationPoliciesAreReadAndDeletedAtTheAttestationService() {
        attestationService.answer(200, "application/json", "[{\"policy-id\":\"default\"},{\"policy-id\":\"mine\"}]");
        assertThat(cli.run(target(), "list-attestation-policies")).isZero();
        assertThat(attestationService.only().method()).isEqualTo("GET");
        assertThat(attestationService.only().path()).isEqualTo("/policy");
        assertThat(attestationService.only().authorization()).startsWith("Bearer ey");
        assertThat(cli.stdout().lines()).containsExactly("default", "mine");

        attestationService.answer(200, "text/plain", "{\"hardware\": 2}\n");
        assertThat(cli.run(target(), "get-attestation-policy", "--id", "mine", "--json")).isZero();
        assertThat(attestationService.requests().getLast().path()).isEqualTo("/policy/mine");
        assertThat(Json.tree(cli.stdout()).get("policy").asString()).isEqualTo("{\"hardware\": 2}\n");

        attestationService.answer(204, "application/json", "");
        assertThat(cli.run(target(), "delete-attestation-policy", "--id", "mine")).isZero();
        assertThat(attestationService.requests().getLast().method()).isEqualTo("DELETE");
        assertThat(cli.stdout().strip()).isEqualTo("attestation policy mine deleted");

        assertThat(cli.run(target(), "get-attestation-policy", "--id", "../x")).isEqualTo(1);
        assertThat(attestationService.requests()).hasSize(3);
        assertThat(kbs.requests()).isEmpty();
    }

    @Test
    void referenceValuesAreReadAndDeletedAtTheRvps() {
        rvps.answer(200, "application/json", "[{\"version\":\"0.1.0\",\"name\":\"sample.svn\","
                + "\"expiration\":\"2027-11-26T12:00:00Z\",\"value\":[1]}]");
        assertThat(cli.run(target(), "list-reference-values", "--prefix", "sample.")).isZero();
        assertThat(rvps.only().path()).isEqualTo("/reference-values");
        assertThat(rvps.only().query()).isEqualTo("prefix=sample.");
        assertThat(cli.stdout()).contains("NAME", "sample.svn", "2027-11-26T12:00:00Z", "[1]");

        rvps.answer(200, "application/json", "{\"version\":\"0.1.0\",\"name\":\"ACME/app/digests\","
                + "\"expiration\":\"2027-11-26T12:00:00Z\",\"value\":[\"ab\"]}");
        assertThat(cli.run(target(), "get-reference-value", "ACME/app/digests")).isZero();
        assertThat(rvps.requests().getLast().path()).isEqualTo("/reference-values/ACME/app/digests");
        assertThat(cli.stdout()).contains("value   [\"ab\"]");

        rvps.answer(204, "application/json", "");
        assertThat(cli.run(target(), "delete-reference-value", "sample.svn")).isZero();
        assertThat(rvps.requests().getLast().method()).isEqualTo("DELETE");
        assertThat(rvps.requests().getLast().path()).isEqualTo("/reference-values/sample.svn");

        rvps.answer(404, "application/problem+json", "{\"detail\":\"no reference value 'x'\"}");
        assertThat(cli.run(target(), "get-reference-value", "x")).isEqualTo(1);
        assertThat(cli.stderr().strip()).isEqualTo("error: get-reference-value failed: HTTP 404 no reference value 'x'");
    }

    @Test
    void httpsWithAPrivateCaNeedsKbsCert() throws Exception {
        Path keystore = work.resolve("kbs.p12");
        Path certificate = work.resolve("kbs.pem");
        keytool("-genkeypair", "-alias", "kbs", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storetype",
                "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "kbs", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);

        try (RecordingKbsServer https = RecordingKbsServer.https(serverTls)) {
            List<String> options = List.of("--dir", dir.toString(), "--kbs", https.url().toString());

            assertThat(cli.run(options, "delete-resource", "default/key/1")).isEqualTo(1);
            assertThat(cli.stderr()).hasLineCount(1).contains("TLS failed", "give that CA with --kbs-cert");
            assertThat(https.requests()).isEmpty();

            assertThat(cli.run(options, "delete-resource", "default/key/1", "--kbs-cert", certificate.toString()))
                    .as(cli.stderr()).isZero();
            assertThat(https.only().path()).isEqualTo("/kbs/v0/resource/default/key/1");

            cli.environment.put("ARCA_KBS_CERT", certificate.toString());
            assertThat(cli.run(options, "delete-resource", "default/key/2")).isZero();

            assertThat(cli.run(options, "delete-resource", "default/key/1", "--kbs-cert", keystore.toString()))
                    .isEqualTo(1);
            assertThat(cli.stderr()).contains("holds no PEM certificate");
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
