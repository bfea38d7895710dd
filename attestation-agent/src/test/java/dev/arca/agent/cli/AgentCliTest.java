package dev.arca.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.agent.kbs.FakeKbsServer;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.agent.fakes.FakeKernel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class AgentCliTest {

    private static final byte[] SECRET = {0, 1, 2, (byte) 0xff, '\n', 'x'};

    private FakeKbsServer kbs;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startKbs() throws Exception {
        kbs = FakeKbsServer.start();
        kbs.putResource("default/key/1", SECRET);
    }

    @AfterEach
    void stopKbs() {
        kbs.close();
    }

    @TempDir
    Path host;

    private int run(Map<String, String> environment, String... args) {
        // a host without any TEE, so detection is the same on every build machine
        return AgentCli.run(args, InputStream.nullInputStream(), new PrintStream(out, true),
                new PrintStream(err, true), environment, FakeKernel.at(host));
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void getResourceWritesTheRawBytesToStdout() {
        int exit = run("get-resource", "kbs:///default/key/1", "--kbs", kbs.url().toString());

        assertThat(exit).isZero();
        assertThat(out.toByteArray()).isEqualTo(SECRET);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void getResourceJsonPrintsUriAndBase64() {
        int exit = run("get-resource", "kbs:///default/key/1", "--kbs", kbs.url().toString(), "--json",
                "--key", "p521");

        assertThat(exit).isZero();
        JsonNode result = Json.tree(stdout());
        assertThat(result.get("uri").asString()).isEqualTo("kbs:///default/key/1");
        assertThat(Base64s.fromStd(result.get("base64").asString())).isEqualTo(SECRET);
        assertThat(kbs.lastAttestation().at("/runtime-data/tee-pubkey/crv").asString()).isEqualTo("P-521");
    }

    @Test
    void verboseShowsTheStepsOnStderr() {
        int exit = run("get-resource", "kbs:///default/key/1", "--kbs", kbs.url().toString(), "--verbose");

        assertThat(exit).isZero();
        assertThat(out.toByteArray()).isEqualTo(SECRET);
        assertThat(stderr()).contains("warning: no TEE detected")
                .contains("auth: challenge received, nonce ")
                .contains("attest: token received")
                .contains("cpu0 ear.status affirming")
                .contains("resource: 6 bytes received and decrypted");
    }

    @Test
    void missingResourceIsOneErrorLineAndExitOne() {
        int exit = run("get-resource", "kbs:///default/key/nope", "--kbs", kbs.url().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toByteArray()).isEmpty();
        assertThat(stderr()).isEqualTo("error: resource failed: no resource kbs:///default/key/nope: HTTP 404 "
                + "ResourceNotFound: resource default/key/nope not found" + System.lineSeparator());
    }

    @Test
    void policyDenialIsReportedWithTheKbsDetail() {
        kbs.failResourcesWith(KbsErrorType.PolicyDeny, "Access denied by policy");

        int exit = run("get-resource", "kbs:///default/key/1", "--kbs", kbs.url().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr().strip()).isEqualTo("error: resource failed: HTTP 403 PolicyDeny: Access denied by policy");
    }

    @Test
    void aBadUriIsAUsageError() {
        int exit = run("get-resource", "kbs:///default/../etc", "--kbs", kbs.url().toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("error: ").contains("Try 'arca-agent get-resource --help'");
        assertThat(kbs.authCount()).isZero();
    }

    @Test
    void aBadKeyTypeOrUrlIsAUsageError() {
        assertThat(run("attest", "--key", "dsa")).isEqualTo(2);
        assertThat(run("attest", "--kbs", "file:///etc/passwd")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(kbs.authCount()).isZero();
    }

    @Test
    void attestPrintsTheToken() {
        int exit = run("attest", "--kbs", kbs.url().toString());

        assertThat(exit).isZero();
        assertThat(stdout().strip().split("\\.")).hasSize(3);
    }

    @Test
    void attestJsonPrintsTheClaims() {
        int exit = run("attest", "--kbs", kbs.url().toString(), "--json");

        assertThat(exit).isZero();
        assertThat(Json.tree(stdout()).at("/submods/cpu0/ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void sampleDeviceEvidenceIsSentWhenEnabledInTheEnvironment() {
        int exit = run(Map.of("ENABLE_SAMPLE_DEVICE", "1"), "attest", "--kbs", kbs.url().toString());

        assertThat(exit).isZero();
        assertThat(kbs.lastAttestation().at("/tee-evidence/additional_evidence").asString())
                .contains("sampledevice");
    }

    @Test
    void initDataFileIsSent(@TempDir Path dir) throws Exception {
        Path toml = dir.resolve("initdata.toml");
        Files.writeString(toml, "version = \"0.1.0\"\nalgorithm = \"sha256\"\n[data]\n");

        int exit = run("attest", "--kbs", kbs.url().toString(), "--init-data", toml.toString());

        assertThat(exit).isZero();
        assertThat(kbs.lastAttestation().at("/init-data/body").asString()).isEqualTo(Files.readString(toml));
    }

    @Test
    void unreadableInitDataFileFailsBeforeContactingTheKbs(@TempDir Path dir) {
        int exit = run("attest", "--kbs", kbs.url().toString(), "--init-data", dir.resolve("none").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).startsWith("error: cannot read init-data file").contains("no such file");
        assertThat(kbs.authCount()).isZero();
    }
}
