package dev.arca.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.admin.AdminTokenVerifier;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Where the CLI takes its settings, its input and its token from, and how it reports failures. */
class AdminCliOptionsTest {

    @TempDir
    Path work;

    private Path dir;
    private RecordingKbsServer kbs;
    private final AdminCliHarness cli = new AdminCliHarness();

    @BeforeEach
    void setUp() throws Exception {
        dir = work.resolve(".arca");
        kbs = new RecordingKbsServer();
        assertThat(cli.run("init", "--dir", dir.toString())).isZero();
    }

    @AfterEach
    void tearDown() {
        kbs.close();
    }

    private List<String> target() {
        return List.of("--dir", dir.toString(), "--kbs", kbs.url().toString());
    }

    private String role(RecordingKbsServer.Request request) throws Exception {
        return new AdminTokenVerifier(PemKeys.readPublicKeys(dir.resolve("admin/admin-pub.pem")), Duration.ZERO,
                Clock.systemUTC()).verify(request.authorization()).role();
    }

    @Test
    void kbsUrlAndDirectoryComeFromTheEnvironment() throws Exception {
        cli.environment.put("ARCA_KBS_URL", kbs.url().toString());
        cli.environment.put("ARCA_DIR", dir.toString());

        assertThat(cli.run("delete-resource", "default/key/1")).as(cli.stderr()).isZero();

        assertThat(kbs.only().path()).isEqualTo("/kbs/v0/resource/default/key/1");
        assertThat(role(kbs.only())).isEqualTo("admin");
        // an option still wins over the environment
        cli.environment.put("ARCA_KBS_URL", "http://127.0.0.1:1");
        assertThat(cli.run("delete-resource", "default/key/2", "--kbs", kbs.url().toString())).isZero();
        assertThat(kbs.requests()).hasSize(2);
    }

    @Test
    void aTokenFromTheEnvironmentOrAFileIsSentAsItIs() throws Exception {
        cli.environment.put("ARCA_TOKEN", "eyJ.minted.elsewhere");
        assertThat(cli.run(List.of("--kbs", kbs.url().toString(), "--dir", work.resolve("no-keys").toString()),
                "delete-resource", "default/key/1")).as(cli.stderr()).isZero();
        assertThat(kbs.requests().getLast().authorization()).isEqualTo("Bearer eyJ.minted.elsewhere");

        Path tokenFile = Files.writeString(work.resolve("token"), "eyJ.from.file\n");
        assertThat(cli.run(List.of("--kbs", kbs.url().toString(), "--token-file", tokenFile.toString()),
                "delete-resource", "default/key/1")).isZero();
        assertThat(kbs.requests().getLast().authorization()).isEqualTo("Bearer eyJ.from.file");

        // a token carries its own role
        assertThat(cli.run(List.of("--kbs", kbs.url().toString(), "--token-file", tokenFile.toString(), "--role",
                "reader"), "delete-resource", "default/key/1")).isEqualTo(2);
        assertThat(cli.stderr()).contains("--role applies to tokens signed with the admin key");
        assertThat(kbs.requests()).hasSize(2);

        Files.writeString(tokenFile, "two tokens");
        assertThat(cli.run(List.of("--kbs", kbs.url().toString(), "--token-file", tokenFile.toString()),
                "delete-resource", "default/key/1")).isEqualTo(1);
        assertThat(cli.stderr()).contains("must hold one token on one line");
    }

    @Test
    void roleSetsTheClaimOfTheSignedToken() throws Exception {
        kbs.answer(200, "application/json", "[]");
        assertThat(cli.run(target(), "list-resources", "--role", "auditor")).isZero();

        assertThat(role(kbs.only())).isEqualTo("auditor");
    }

    @Test
    void fileDashReadsStandardInput() throws Exception {
        assertThat(cli.stdin("s3cret").run(target(), "set-resource", "default/key/1", "--file", "-")).isZero();
        assertThat(kbs.only().bodyText()).isEqualTo("s3cret");

        assertThat(cli.stdin("request.path[0] == \"default\"").run(target(), "set-resource-policy", "--file", "-"))
                .isZero();
        JsonNode body = Json.tree(kbs.requests().getLast().bodyText());
        assertThat(new String(Base64s.fromUrl(body.get("policy").asString()), StandardCharsets.UTF_8))
                .isEqualTo("request.path[0] == \"default\"");
        assertThat(cli.stdout()).contains("set from standard input");

        assertThat(cli.stdin("").run(target(), "set-attestation-policy", "--id", "x", "--file", "-")).isEqualTo(1);
        assertThat(cli.stderr()).contains("standard input is empty");
    }

    @Test
    void withJsonEveryErrorIsAJsonObject() throws Exception {
        kbs.answer(403, "application/problem+json", "{\"type\":\"x/PolicyDeny\",\"detail\":\"denied by policy\"}");
        assertThat(cli.run(target(), "delete-resource", "default/key/1", "--json")).isEqualTo(1);
        JsonNode refused = Json.tree(cli.stderr());
        assertThat(refused.get("error").asString()).isEqualTo("delete-resource failed: HTTP 403 denied by policy");
        assertThat(refused.get("status").asInt()).isEqualTo(403);
        assertThat(cli.stdout()).isEmpty();

        kbs.close();
        assertThat(cli.run(target(), "list-resources", "--json")).isEqualTo(1);
        JsonNode unreachable = Json.tree(cli.stderr());
        assertThat(unreachable.get("error").asString()).contains("cannot reach");
        assertThat(unreachable.get("status").isNull()).isTrue();

        assertThat(cli.run("set-resource", "--json")).isEqualTo(2);
        assertThat(Json.tree(cli.stderr()).get("error").asString()).contains("REPO/TYPE/TAG");

        assertThat(cli.run(target(), "set-resource", "a/b/c", "--file", work.resolve("absent").toString(), "--json"))
                .isEqualTo(1);
        assertThat(Json.tree(cli.stderr()).get("error").asString()).contains("no such file");
    }

    @Test
    void aCompilerErrorIsShownWholeWithItsMarker() throws Exception {
        String detail = "policy 'resource-policy' does not compile: ERROR: <input>:2:4: undeclared reference to "
                + "'inpt' (in container '')\n | && inpt.submods.cpu0[\"ear.status\"] == \"affirming\"\n | ...^"
                + "\nERROR: <input>:1:1: " + "x".repeat(400);
        kbs.answer(400, "application/problem+json", Json.write(java.util.Map.of("type", "x/PolicyError",
                "detail", detail)));

        assertThat(cli.stdin("true\n&& inpt.submods").run(target(), "set-resource-policy", "--file", "-"))
                .isEqualTo(1);

        assertThat(cli.stderr()).isEqualTo("error: set-resource-policy failed: HTTP 400 " + detail
                + System.lineSeparator());
        assertThat(cli.stderr().lines()).anyMatch(line -> line.equals(" | ...^"));
    }

    @Test
    void exitCodes() throws Exception {
        kbs.answer(200, "application/json", "[]");
        assertThat(cli.run(target(), "list-resources")).isZero();
        kbs.answer(401, "application/problem+json", "{\"detail\":\"admin token expired\"}");
        assertThat(cli.run(target(), "list-resources")).isEqualTo(1);
        assertThat(cli.run(target(), "list-resources", "--frobnicate")).isEqualTo(2);
        assertThat(cli.run()).isEqualTo(2);
        assertThat(cli.stderr()).contains("a command is required").contains("Usage: arca-admin");
    }
}
