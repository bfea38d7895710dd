package dev.arca.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class InitCommandTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return AdminCli.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void createsThenReusesAndPrintsThePaths() throws Exception {
        Path dir = work.resolve(".arca");
        Path key = dir.resolve("admin/admin-key.pem");
        Path pub = dir.resolve("admin/admin-pub.pem");

        assertThat(run("init", "--dir", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("created admin key " + key + " and public key " + pub + "; caller keys in "
                        + dir.resolve("callers"));
        // the caller keys the compose file mounts: a P-256 pair for the KBS and one for the AS
        for (String caller : java.util.List.of("kbs", "attestation-service")) {
            Path callerKey = dir.resolve("callers/" + caller + "/key.pem");
            assertThat(callerKey).exists();
            assertThat(dev.arca.model.caller.CallerKeyFile.publicKeyFile(callerKey)).exists();
            var pair = dev.arca.model.caller.CallerKeyFile.loadOrCreate(callerKey);
            assertThat(pair.publicKey().getAlgorithm()).isEqualTo("EC");
        }
        String keyPem = Files.readString(key);

        assertThat(run("init", "--dir", dir.toString(), "--json")).isZero();
        JsonNode result = Json.tree(out.toString(StandardCharsets.UTF_8));
        assertThat(result.get("created").asBoolean()).isFalse();
        assertThat(result.get("privateKey").asString()).isEqualTo(key.toString());
        assertThat(result.get("publicKey").asString()).isEqualTo(pub.toString());
        assertThat(Files.readString(key)).isEqualTo(keyPem);
    }

    @Test
    void aPublicKeyWithoutItsPrivateKeyIsAnError() throws Exception {
        Path dir = work.resolve("d");
        run("init", "--dir", dir.toString());
        Files.delete(dir.resolve("admin/admin-key.pem"));

        assertThat(run("init", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: init failed: ")
                .contains("admin-pub.pem exists without");
    }
}
