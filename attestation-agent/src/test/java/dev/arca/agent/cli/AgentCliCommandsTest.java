package dev.arca.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.fakes.FakeTdxMeasurements;
import dev.arca.agent.fakes.SyntheticQuotes;
import dev.arca.agent.kbs.FakeKbsServer;
import dev.arca.agent.kbs.TestCertificates;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The commands beyond get-resource and attest, each run in-process against the fake KBS and fake kernels. */
class AgentCliCommandsTest {

    private static final byte[] SECRET = "secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private FakeKbsServer kbs;
    private FakeKernel kernel;
    private final Map<String, String> env = new HashMap<>();
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void start() throws Exception {
        kbs = FakeKbsServer.start();
        kbs.putResource("default/key/1", SECRET);
        kernel = FakeKernel.at(dir.resolve("host"));
        env.put("AAEL_PATH", dir.resolve("aael").toString());
    }

    @AfterEach
    void stop() {
        kbs.close();
    }

    private int run(String... args) {
        return runWithInput(InputStream.nullInputStream(), args);
    }

    private int runWithInput(InputStream in, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return AgentCli.run(args, in, new PrintStream(out, true), new PrintStream(err, true), env, kernel);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void getEvidencePrintsTheSampleEvidenceForTheGivenBytes() {
        assertThat(run("get-evidence", "--runtime-data-text", "xxxx")).isZero();
        assertThat(Json.tree(stdout())).isEqualTo(Json.tree("{\"svn\":\"1\",\"report_data\":\"eHh4eA==\"}"));
        assertThat(stdout()).contains("\n  "); // indented for reading

        assertThat(run("get-evidence", "-r", "AAEC", "--json")).isZero();
        assertThat(Json.tree(stdout())).isEqualTo(Json.tree("{\"tee\":\"sample\",\"evidence\":{\"svn\":\"1\","
                + "\"report_data\":\"AAEC\"}}"));

        assertThat(run("get-evidence", "-r", "not base64!")).isEqualTo(2);
        assertThat(run("get-evidence", "-r", "AA==", "--runtime-data-text", "x")).isEqualTo(2);
    }

    @Test
    void getEvidenceOnADetectedTdxHostPrintsTheQuote() {
        byte[] quote = SyntheticQuotes.tdxV4(new byte[48], new byte[64]);
        kernel.configfsTsm("tdx_guest").outblob(quote);

        assertThat(run("get-evidence", "--runtime-data-text", "nonce", "--json", "--verbose")).isZero();

        JsonNode result = Json.tree(stdout());
        assertThat(result.get("tee").asString()).isEqualTo("tdx");
        assertThat(Base64s.fromStd(result.at("/evidence/quote").asString())).isEqualTo(quote);
        assertThat(stderr()).contains("tee: tdx (detected)");
    }

    @Test
    void getTeeNamesTheDetectedAndAdditionalTees() {
        assertThat(run("get-tee")).isZero();
        assertThat(stdout().strip()).isEqualTo("sample");

        kernel.file("/dev/tdx_guest", new byte[0]);
        env.put("ENABLE_SAMPLE_DEVICE", "1");
        assertThat(run("get-tee", "--json")).isZero();
        assertThat(Json.tree(stdout()))
                .isEqualTo(Json.tree("{\"tee\":\"tdx\",\"additional_tees\":[\"sampledevice\"]}"));
        assertThat(run("get-tee", "--tee", "snp")).isZero();
        assertThat(stdout()).startsWith("snp");
        assertThat(run("get-tee", "--tee", "cca")).isEqualTo(2);
    }

    @Test
    void getTokenPrintsTheTokenOrUpstreamsJsonWithTheKey() throws Exception {
        assertThat(run("get-token", "--kbs", kbs.url().toString())).isZero();
        assertThat(stdout().strip().split("\\.")).hasSize(3);

        assertThat(run("get-token", "--kbs", kbs.url().toString(), "--json", "--key", "rsa")).isZero();
        JsonNode answer = Json.tree(stdout());
        assertThat(answer.get("tee_keypair").asString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        // a saved token is used in bearer mode by get-resource without attesting again
        Path tokenFile = dir.resolve("token.json");
        Files.writeString(tokenFile, stdout());
        int auths = kbs.authCount();
        assertThat(run("get-resource", "kbs:///default/key/1", "--kbs", kbs.url().toString(), "--token-file",
                tokenFile.toString())).isZero();
        assertThat(out.toByteArray()).isEqualTo(SECRET);
        assertThat(kbs.authCount()).isEqualTo(auths);
        assertThat(kbs.bearerRequestCount()).isEqualTo(1);

        assertThat(run("get-token", "-t", "jwt")).isEqualTo(2);
        assertThat(run("get-token", "-t", "coco_as")).isEqualTo(1);
        assertThat(stderr()).contains("no coco_as attestation service");
    }

    @Test
    void getResourceInBearerModeAndOverPinnedHttps() throws Exception {
        assertThat(run("get-resource", "kbs:///default/key/1", "--kbs", kbs.url().toString(), "--bearer")).isZero();
        assertThat(out.toByteArray()).isEqualTo(SECRET);
        assertThat(kbs.lastAuthorization()).startsWith("Bearer ");

        TestCertificates.Identity server = TestCertificates.selfSignedServer();
        Path pem = dir.resolve("kbs.pem");
        Files.writeString(pem, server.pem());
        try (FakeKbsServer https = FakeKbsServer.startHttps(server.serverContext())) {
            https.putResource("default/key/1", SECRET);
            assertThat(run("get-resource", "kbs:///default/key/1", "--kbs", https.url().toString(), "--kbs-cert",
                    pem.toString())).isZero();
            assertThat(out.toByteArray()).isEqualTo(SECRET);
        }
    }

    @Test
    void olderProtocolsAreSpokenOnRequest() {
        kbs.protocol(ProtocolVersion.V0_2_0);
        assertThat(run("attest", "--kbs", kbs.url().toString())).isEqualTo(1);
        assertThat(stderr()).contains("error: auth failed: HTTP 400 ProtocolVersionMismatch");
        assertThat(run("get-resource", "kbs:///default/key/1", "--kbs", kbs.url().toString(), "--protocol",
                "0.2.0")).isZero();

        kbs.protocol(ProtocolVersion.V0_1_1);
        assertThat(run("get-resource", "kbs:///default/key/1", "--kbs", kbs.url().toString(), "--protocol",
                "0.1.1", "--verbose")).isZero();
        assertThat(out.toByteArray()).isEqualTo(SECRET);
        assertThat(stderr()).contains("protocol 0.1.1, key RSA1_5");
        assertThat(run("attest", "--protocol", "0.1.1", "--key", "p256", "--kbs", kbs.url().toString()))
                .isEqualTo(1);
        assertThat(stderr()).contains("RSA1_5");
        assertThat(run("attest", "--protocol", "9.9")).isEqualTo(2);
    }

    @Test
    void aConfigurationFileSetsTheKbs() throws Exception {
        Path config = dir.resolve("agent.toml");
        Files.writeString(config, "[token_configs.kbs]\nurl = \"" + kbs.url() + "\"\n");

        assertThat(run("get-resource", "kbs:///default/key/1", "-c", config.toString())).isZero();
        assertThat(out.toByteArray()).isEqualTo(SECRET);

        Files.writeString(config, "[token_configs.kbs]\nurl = 42\n");
        assertThat(run("attest", "-c", config.toString())).isEqualTo(1);
        assertThat(stderr()).contains("token_configs.kbs.url must be a string");
    }

    @Test
    void initDataShowsTheDigestAndBindsOnRequest() throws Exception {
        Path file = dir.resolve("initdata.toml");
        String toml = "version = \"0.1.0\"\nalgorithm = \"sha384\"\n[data]\n\"aa.toml\" = \"\"\n";
        Files.writeString(file, toml);
        String digest = Hex.of(HashAlgorithm.SHA384.digest(toml.getBytes(StandardCharsets.UTF_8)));

        assertThat(run("init-data", "--init-data", file.toString())).isZero();
        assertThat(stdout()).contains("digest:    " + digest).contains("data:      aa.toml");
        assertThat(run("init-data", "--init-data", file.toString(), "--bind", "--json")).isZero();
        assertThat(Json.tree(stdout()).get("binding").asString()).isEqualTo("unsupported");
        assertThat(run("init-data")).isEqualTo(2);

        // on TDX a different MRCONFIGID fails the binding
        kernel.configfsTsm("tdx_guest").outblob(SyntheticQuotes.tdxV4(SyntheticQuotes.filled(48, 0x88),
                new byte[64]));
        assertThat(run("init-data", "--init-data", file.toString(), "--bind", "--tee", "tdx")).isEqualTo(1);
        assertThat(stdout()).contains("binding:   mismatch");
    }

    @Test
    void extendMeasurementNeedsTheEventLogAndAMeasurableTee() throws Exception {
        assertThat(run("extend-measurement", "-d", "d", "-o", "o", "--content", "c")).isEqualTo(1);
        assertThat(stdout()).contains("not enabled");
        assertThat(run("extend-measurement", "-d", "d", "-o", "o", "--content", "c", "--enable-eventlog"))
                .isEqualTo(1);
        assertThat(stdout()).contains("does not support");

        kernel.configfsTsm("tdx_guest");
        FakeTdxMeasurements rtmrs = kernel.tdxMeasurements();
        assertThat(run("extend-measurement", "-d", "example.org", "-o", "Deploy", "--content", "v1",
                "--enable-eventlog", "-p", "8")).isZero();
        assertThat(stdout().strip()).isEqualTo("Extended.");
        assertThat(rtmrs.rtmr(2)).isNotEqualTo(new byte[48]);
        assertThat(Files.size(dir.resolve("aael"))).isPositive();
        assertThat(run("extend-measurement", "-d", "has space", "-o", "o", "--content", "c", "--enable-eventlog"))
                .isEqualTo(2);
    }

    @Test
    void keyproviderUnwrapsTheLayerKeyFromStdin() throws Exception {
        byte[] kek = new byte[32];
        kek[0] = 7;
        kbs.putResource("default/image-kek/1", kek);
        byte[] layerKey = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] iv = new byte[12];
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
        Base64.Encoder b64 = Base64.getEncoder();
        String packet = "{\"kid\":\"kbs:///default/image-kek/1\",\"wrapped_data\":\""
                + b64.encodeToString(gcm.doFinal(layerKey)) + "\",\"iv\":\"" + b64.encodeToString(iv)
                + "\",\"wrap_type\":\"A256GCM\"}";
        String input = "{\"op\":\"keyunwrap\",\"keywrapparams\":{},\"keyunwrapparams\":{\"dc\":null,\"annotation\":\""
                + b64.encodeToString(packet.getBytes(StandardCharsets.UTF_8)) + "\"}}";

        // by default number arrays, which image-rs (ocicrypt-rs) and Go's encoding/json both read into bytes
        assertThat(runWithInput(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "keyprovider",
                "--kbs", kbs.url().toString())).isZero();
        JsonNode optsData = Json.tree(stdout()).at("/keyunwrapresults/optsdata");
        assertThat(optsData.isArray()).isTrue();
        byte[] answered = new byte[optsData.size()];
        for (int i = 0; i < answered.length; i++) {
            answered[i] = (byte) optsData.get(i).asInt();
        }
        assertThat(answered).isEqualTo(layerKey);

        // Go's own spelling on request
        assertThat(runWithInput(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "keyprovider",
                "--kbs", kbs.url().toString(), "--answer-bytes", "base64")).isZero();
        assertThat(Base64.getDecoder().decode(Json.tree(stdout()).at("/keyunwrapresults/optsdata").asString()))
                .isEqualTo(layerKey);

        assertThat(runWithInput(new ByteArrayInputStream(
                "{\"op\":\"keywrap\",\"keywrapparams\":{\"optsdata\":\"AAAA\"}}".getBytes(StandardCharsets.UTF_8)),
                "keyprovider", "--kbs", kbs.url().toString())).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).startsWith("error: keyprovider: op keywrap is not served by the guest");
    }

    @Test
    void serveRefusesANonLoopbackAddressAndServesLoopback() throws Exception {
        assertThat(run("serve", "--bind", "0.0.0.0:0", "--kbs", kbs.url().toString())).isEqualTo(1);
        assertThat(stderr()).contains("refusing to serve on 0.0.0.0");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AtomicInteger exit = new AtomicInteger(-1);
        String[] args = {"serve", "--bind", "127.0.0.1:" + port, "--kbs", kbs.url().toString()};
        Thread serving = Thread.ofVirtual().start(() -> exit.set(run(args)));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> info = null;
        for (int i = 0; i < 100 && info == null; i++) {
            try {
                info = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/info"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        assertThat(info).isNotNull();
        assertThat(Json.tree(info.body()).get("tee").asString()).isEqualTo("sample");
        serving.interrupt();
        serving.join(10_000);
        assertThat(exit.get()).isZero();
    }
}
