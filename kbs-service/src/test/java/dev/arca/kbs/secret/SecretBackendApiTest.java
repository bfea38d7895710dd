package dev.arca.kbs.secret;

import dev.arca.kbs.testing.FakeAttestationServer;
import dev.arca.kbs.testing.FakeVaultKv2Server;
import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsInstance;
import dev.arca.kbs.testing.Rcar;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API and the release path per backend, over real HTTP: a KBS on a read-only directory (as from a mounted
 * Kubernetes Secret) and a KBS on Vault (the fake) that gets sealed. Writes to the directory answer 405 problem+json,
 * an unavailable store 503 problem+json with Retry-After, and no secret shows up in an answer or a log line other
 * than inside the released JWE.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretBackendApiTest {

    static final String MOUNTED = "mounted-secret-value-0001";
    static final String IN_VAULT = "vault-secret-value-0002";

    @TempDir
    static Path dir;

    static FakeVaultKv2Server vault;
    static KbsInstance onDirectory;
    static KbsInstance onVault;
    final SampleGuest guest = SampleGuest.create(SampleGuest.KeyKind.P256);

    @BeforeAll
    static void start() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets/default/db"));
        Files.writeString(secrets.resolve("password"), MOUNTED);
        Map<String, Object> directory = KbsInstance.baseProperties(dir.resolve("data-directory"));
        directory.put("arca.kbs.secrets.backend", "directory");
        directory.put("arca.kbs.secrets.directory.path", dir.resolve("secrets").toString());
        onDirectory = KbsInstance.start(directory, null);

        vault = new FakeVaultKv2Server("secret");
        Map<String, Object> toVault = KbsInstance.baseProperties(dir.resolve("data-vault"));
        toVault.put("arca.kbs.secrets.backend", "vault");
        toVault.put("arca.kbs.secrets.vault.uri", vault.uri().toString());
        toVault.put("arca.kbs.secrets.vault.token-file",
                Files.writeString(dir.resolve("vault-token"), FakeVaultKv2Server.ROOT_TOKEN).toString());
        onVault = KbsInstance.start(toVault, null);
        for (KbsInstance kbs : new KbsInstance[] {onDirectory, onVault}) {
            String policy = "{\"policy\":\"" + Base64s.url(KbsIntegrationTest.ALLOW_SAMPLE.getBytes(
                    StandardCharsets.UTF_8)) + "\"}";
            assertThat(kbs.http().post("/kbs/v0/resource-policy", policy, "Authorization", admin()).status())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable running : new AutoCloseable[] {onDirectory, onVault, vault}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception ignored) {
                // stopping
            }
        }
    }

    static String admin() {
        return TestEnvironment.adminBearer("admin");
    }

    String bearer() {
        Map<String, Object> annotated = Map.of("sample", Map.of("svn", "1"), "runtime_data_claims",
                Map.of("nonce", "n", "tee-pubkey", Json.convert(guest.teePubkey(), Map.class)));
        return "Bearer " + FakeAttestationServer.sign(FakeAttestationServer.earClaims(
                Map.of("cpu0", FakeAttestationServer.submod("affirming", annotated)), Instant.now(),
                Duration.ofMinutes(5)), TestEnvironment.AS.signingKey());
    }

    @Test
    void aReadOnlyDirectoryReleasesListsAndRefusesWritesWith405(CapturedOutput output) {
        KbsHttp http = onDirectory.http();
        KbsHttp.Answer released = http.get("/kbs/v0/resource/default/db/password", "Authorization", bearer());
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(new String(guest.decrypt(Json.read(released.body(), JweResponse.class)), StandardCharsets.UTF_8))
                .isEqualTo(MOUNTED);

        JsonNode listed = Json.tree(http.get("/kbs/v0/admin/resources", "Authorization", admin()).body());
        assertThat(listed.get(0).get("resource").asString()).isEqualTo("default/db/password");
        assertThat(listed.get(0).get("size").asInt()).isEqualTo(MOUNTED.length());
        assertThat(listed.get(0).has("kek_id")).isFalse();

        KbsHttp.Answer write = http.post("/kbs/v0/resource/default/db/password", "overwrite", "Authorization",
                admin(), "Content-Type", "application/octet-stream");
        JsonNode problem = Rcar.problem(write, 405, "InvalidRequest");
        assertThat(problem.get("detail").asString()).contains("read-only").doesNotContain(dir.toString());
        assertThat(write.header("Allow")).hasValue("GET");
        Rcar.problem(http.delete("/kbs/v0/resource/default/db/password", "Authorization", admin()), 405,
                "InvalidRequest");
        assertThat(http.get("/kbs/v0/resource/default/db/password", "Authorization", bearer()).status())
                .isEqualTo(200);
        assertThat(output.getAll()).doesNotContain(MOUNTED);
    }

    @Test
    void vaultStoresThroughTheAdminApiAndAnUnavailableVaultIsA503ToRetry(CapturedOutput output) {
        KbsHttp http = onVault.http();
        assertThat(http.post("/kbs/v0/resource/tenant/key/api", IN_VAULT, "Authorization", admin(),
                "Content-Type", "application/octet-stream").status()).isEqualTo(200);
        assertThat(vault.raw("tenant/key/api")).isNotNull();
        KbsHttp.Answer released = http.get("/kbs/v0/resource/tenant/key/api", "Authorization", bearer());
        assertThat(new String(guest.decrypt(Json.read(released.body(), JweResponse.class)), StandardCharsets.UTF_8))
                .isEqualTo(IN_VAULT);

        vault.sealed(true);
        try {
            for (KbsHttp.Answer answer : new KbsHttp.Answer[] {
                    http.get("/kbs/v0/resource/tenant/key/api", "Authorization", bearer()),
                    http.get("/kbs/v0/admin/resources", "Authorization", admin()),
                    http.post("/kbs/v0/resource/tenant/key/other", "x", "Authorization", admin(),
                            "Content-Type", "application/octet-stream"),
                    http.delete("/kbs/v0/resource/tenant/key/api", "Authorization", admin())}) {
                Rcar.problem(answer, 503, "UpstreamUnavailable");
                assertThat(answer.header("Retry-After")).hasValue("5");
                assertThat(answer.body()).doesNotContain(FakeVaultKv2Server.ROOT_TOKEN).doesNotContain(IN_VAULT);
            }
        } finally {
            vault.sealed(false);
        }
        assertThat(http.get("/kbs/v0/resource/tenant/key/api", "Authorization", bearer()).status()).isEqualTo(200);
        assertThat(http.delete("/kbs/v0/resource/tenant/key/api", "Authorization", admin()).status()).isEqualTo(200);
        assertThat(output.getAll()).doesNotContain(IN_VAULT).doesNotContain(FakeVaultKv2Server.ROOT_TOKEN);
    }
}
