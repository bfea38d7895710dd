package dev.arca.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.admin.testing.MintedAdminToken;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class AdminCliTest {

    @TempDir
    Path work;

    private Path dir;
    private RecordingKbsServer kbs;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void setUp() throws Exception {
        dir = work.resolve(".arca");
        kbs = new RecordingKbsServer();
        assertThat(run("init")).isZero();
    }

    @AfterEach
    void tearDown() {
        kbs.close();
    }

    /** Runs a command with --dir and --kbs pointing at the test directory and server. */
    private int run(String command, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(command, "--dir", dir.toString(), "--kbs", kbs.url().toString()));
        all.addAll(Arrays.asList(args));
        return AdminCli.run(all.toArray(String[]::new), InputStream.nullInputStream(), new PrintStream(out, true),
                new PrintStream(err, true), Map.of());
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(work.resolve(name), content);
    }

    /** The bearer token must verify with the public key init wrote, as the services will verify it. */
    private void assertAdminBearer(RecordingKbsServer.Request request) throws Exception {
        MintedAdminToken token = MintedAdminToken.verify(request.authorization(),
                dir.resolve("admin/admin-pub.pem"), Instant.now());
        assertThat(token.subject()).isEqualTo("arca-admin");
        assertThat(token.role()).isEqualTo("admin");
        assertThat(token.expires()).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
    }

    @Test
    void setResourcePostsTheRawBytes() throws Exception {
        byte[] secret = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        Path file = Files.write(work.resolve("secret.bin"), secret);

        int exit = run("set-resource", "default/key/1", "--file", file.toString());

        assertThat(exit).isZero();
        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/kbs/v0/resource/default/key/1");
        assertThat(request.contentType()).isEqualTo("application/octet-stream");
        assertThat(request.body()).isEqualTo(secret);
        assertAdminBearer(request);
        assertThat(stdout()).isEqualTo("resource default/key/1 set (5 bytes)" + System.lineSeparator());
        assertThat(stderr()).isEmpty();
    }

    @Test
    void eachCallSignsAFreshToken() throws Exception {
        Path file = file("s", "x");
        run("set-resource", "default/key/1", "--file", file.toString());
        run("set-resource", "default/key/2", "--file", file.toString());

        List<RecordingKbsServer.Request> requests = kbs.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).authorization()).isNotEqualTo(requests.get(1).authorization());
    }

    @Test
    void setResourceJsonOutput() throws Exception {
        int exit = run("set-resource", "default/key/1", "--file", file("s", "abc").toString(), "--json");

        assertThat(exit).isZero();
        JsonNode result = Json.tree(stdout());
        assertThat(result.get("resource").asString()).isEqualTo("default/key/1");
        assertThat(result.get("bytes").asInt()).isEqualTo(3);
        assertThat(result.get("status").asInt()).isEqualTo(200);
    }

    @Test
    void invalidResourcePathIsAUsageErrorAndSendsNothing() throws Exception {
        int exit = run("set-resource", "default/../key", "--file", file("s", "x").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("error: ");
        assertThat(kbs.requests()).isEmpty();
    }

    @Test
    void forbiddenIsReportedWithTheProblemDetail() throws Exception {
        kbs.answer(403, "application/problem+json", "{\"type\":\"https://github.com/confidential-containers/kbs/"
                + "errors/AdminAccessForbidden\",\"title\":\"AdminAccessForbidden\",\"status\":403,"
                + "\"detail\":\"Role reader not allowed for path /kbs/v0/resource/default/key/1\"}");

        int exit = run("set-resource", "default/key/1", "--file", file("s", "x").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("error: set-resource failed: HTTP 403 Role reader not allowed for path "
                + "/kbs/v0/resource/default/key/1" + System.lineSeparator());
    }

    @Test
    void errorWithoutProblemBodyStillNamesTheStatus() throws Exception {
        kbs.answer(502, "text/plain", "");

        int exit = run("delete-resource", "default/key/1");

        assertThat(exit).isEqualTo(1);
        assertThat(stderr().strip()).isEqualTo("error: delete-resource failed: HTTP 502");
    }

    @Test
    void deleteResource() throws Exception {
        kbs.answer(204, "application/json", "");

        int exit = run("delete-resource", "my-repo/key/tag.v1");

        assertThat(exit).isZero();
        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/kbs/v0/resource/my-repo/key/tag.v1");
        assertAdminBearer(request);
        assertThat(stdout().strip()).isEqualTo("resource my-repo/key/tag.v1 deleted");
    }

    @Test
    void setResourcePolicySendsBase64UrlOfTheText() throws Exception {
        String cel = "input.submods.cpu0[\"ear.status\"] == \"affirming\" && request.path[0] == \"d\u00e9fault\"?";
        int exit = run("set-resource-policy", "--file", file("policy.cel", cel).toString());

        assertThat(exit).isZero();
        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/kbs/v0/resource-policy");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode body = Json.tree(request.bodyText());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("policy", "type");
        assertThat(body.get("type").asString()).isEqualTo("cel");
        assertThat(body.get("policy").asString()).doesNotContain("=", "+", "/");
        assertThat(new String(Base64s.fromUrl(body.get("policy").asString()), StandardCharsets.UTF_8)).isEqualTo(cel);
        assertAdminBearer(request);
    }

    @Test
    void policyFilesMustBeUtf8Text() throws Exception {
        Path binary = Files.write(work.resolve("bad.cel"), new byte[] {(byte) 0xc3, (byte) 0x28});

        assertThat(run("set-resource-policy", "--file", binary.toString())).isEqualTo(1);
        assertThat(stderr()).contains("is not UTF-8 text");
        assertThat(run("set-resource-policy", "--file", work.resolve("absent.cel").toString())).isEqualTo(1);
        assertThat(stderr()).startsWith("error: set-resource-policy failed: cannot read ").contains("no such file");
        assertThat(kbs.requests()).isEmpty();
    }

    @Test
    void getResourcePolicyShowsTheBindingAndTheText() throws Exception {
        String cel = "request.path[0] == \"tenant-a\"";
        kbs.answer(200, "application/json", "{\"id\":\"tenant-a\",\"binding\":\"tenant-a/\",\"sha256\":\"ab12\","
                + "\"updated_at\":\"2026-11-26T12:00:00Z\",\"policy\":\"" + Base64s.url(cel.getBytes(StandardCharsets.UTF_8))
                + "\"}");

        assertThat(run("get-resource-policy", "--id", "tenant-a")).isZero();
        assertThat(kbs.only().method()).isEqualTo("GET");
        assertThat(kbs.only().path()).isEqualTo("/kbs/v0/admin/resource-policies/tenant-a");
        assertAdminBearer(kbs.only());
        assertThat(stdout()).contains("policy tenant-a").contains("binding tenant-a/")
                .endsWith(cel + System.lineSeparator());

        assertThat(run("get-resource-policy", "--id", "tenant-a", "--json")).isZero();
        JsonNode json = Json.tree(stdout());
        assertThat(json.get("policy").asString()).isEqualTo(cel);
        assertThat(json.get("binding").asString()).isEqualTo("tenant-a/");
        // the default id is upstream's single policy
        assertThat(run("get-resource-policy")).isZero();
        assertThat(kbs.requests().getLast().path()).isEqualTo("/kbs/v0/admin/resource-policies/resource-policy");
        assertThat(run("get-resource-policy", "--id", "../x")).isEqualTo(1);
        assertThat(stderr()).contains("invalid policy id");
    }

    @Test
    void setResourcePolicyWithABindingUsesThePerIdApi() throws Exception {
        String cel = "request.path[1] == \"key\"";
        int exit = run("set-resource-policy", "--id", "tenant-a", "--binding", "tenant-a/", "--file",
                file("t.cel", cel).toString());

        assertThat(exit).isZero();
        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/kbs/v0/admin/resource-policies/tenant-a");
        JsonNode body = Json.tree(request.bodyText());
        assertThat(body.get("binding").asString()).isEqualTo("tenant-a/");
        assertThat(new String(Base64s.fromUrl(body.get("policy").asString()), StandardCharsets.UTF_8)).isEqualTo(cel);
        assertThat(stdout().strip()).startsWith("resource policy tenant-a bound to tenant-a/ set from ");
        // put-resource-policy is the same command
        assertThat(run("put-resource-policy", "--binding", "cert:", "--file", file("c.cel", "true").toString()))
                .isZero();
        assertThat(kbs.requests().getLast().path()).isEqualTo("/kbs/v0/admin/resource-policies/resource-policy");
    }

    @Test
    void listResourcePoliciesPrintsATable() throws Exception {
        kbs.answer(200, "application/json", "[{\"id\":\"global\",\"binding\":\"\",\"sha256\":\"0123456789abcdef\","
                + "\"updated_at\":\"2026-11-26T12:00:00Z\"},{\"id\":\"tenant-a\",\"binding\":\"tenant-a/\","
                + "\"sha256\":\"fedcba9876543210\",\"updated_at\":\"2026-11-26T13:00:00Z\"}]");

        assertThat(run("list-resource-policies")).isZero();
        assertThat(kbs.only().path()).isEqualTo("/kbs/v0/admin/resource-policies");
        String[] lines = stdout().strip().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("ID").contains("BINDING").contains("SHA256");
        assertThat(lines[1]).startsWith("global  ").contains("\"\"").contains("0123456789ab").doesNotContain("cdef");
        assertThat(lines[2]).startsWith("tenant-a").contains("tenant-a/");
        assertThat(run("list-resource-policies", "--json")).isZero();
        assertThat(Json.tree(stdout()).get("policies")).hasSize(2);

        kbs.answer(200, "application/json", "[]");
        assertThat(run("list-resource-policies")).isZero();
        assertThat(stdout()).contains("no resource policies stored");
    }

    @Test
    void deleteResourcePolicy() throws Exception {
        kbs.answer(204, "application/json", "");
        assertThat(run("delete-resource-policy", "--id", "tenant-a")).isZero();
        assertThat(kbs.only().method()).isEqualTo("DELETE");
        assertThat(kbs.only().path()).isEqualTo("/kbs/v0/admin/resource-policies/tenant-a");
        assertThat(stdout().strip()).isEqualTo("resource policy tenant-a deleted");
        assertThat(run("delete-resource-policy")).isEqualTo(2);
    }

    @Test
    void listResourcesShowsMetadataWithAPrefix() throws Exception {
        kbs.answer(200, "application/json", "[{\"resource\":\"tenant-a/key/one\",\"size\":32,\"kek_id\":"
                + "\"00112233aabbccdd\",\"created_at\":\"2026-11-26T12:00:00Z\",\"updated_at\":\"2026-11-26T12:05:00Z\"}]");

        assertThat(run("list-resources", "--prefix", "tenant-a/", "--limit", "5")).isZero();
        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.path()).isEqualTo("/kbs/v0/admin/resources");
        assertThat(request.query()).isEqualTo("prefix=tenant-a%2F&limit=5");
        assertAdminBearer(request);
        assertThat(stdout()).contains("RESOURCE").contains("tenant-a/key/one").contains("32")
                .contains("00112233aabbccdd");
        assertThat(run("list-resources", "--json")).isZero();
        assertThat(Json.tree(stdout()).at("/resources/0/size").asInt()).isEqualTo(32);
        assertThat(run("list-resources", "--prefix", "a b")).isEqualTo(1);
    }

    @Test
    void auditPrintsRecordsAndPassesTheFilters() throws Exception {
        kbs.answer(200, "application/json", "[{\"id\":7,\"time\":\"2026-11-26T12:00:00Z\",\"plugin\":\"resource\","
                + "\"resource\":\"tenant-a/key/one\",\"decision\":\"refused\",\"policy_id\":\"tenant-a\","
                + "\"reason\":\"denied by policy tenant-a\",\"via\":\"bearer\",\"tee\":\"tdx\",\"status\":403}]");

        assertThat(run("audit", "--since", "2026-11-26T00:00:00Z", "--after", "6", "--limit", "10")).isZero();
        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.path()).isEqualTo("/kbs/v0/admin/audit");
        assertThat(request.query()).isEqualTo("limit=10&since=2026-11-26T00:00:00Z&after=6");
        assertThat(stdout()).contains("DECISION").contains("refused").contains("tenant-a/key/one")
                .contains("denied by policy tenant-a").contains("403");
        assertThat(run("audit", "--json")).isZero();
        assertThat(Json.tree(stdout()).at("/records/0/id").asInt()).isEqualTo(7);
        assertThat(run("audit", "--since", "the day before")).isEqualTo(2);
        assertThat(stderr()).contains("is not a point in time: use now, today, yesterday");
        assertThat(run("audit", "--since", "yesterday")).isZero();
        assertThat(kbs.requests().getLast().query()).matches("limit=100&since=\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z");
    }

    @Test
    void setReferenceValuePostsTheMessage() throws Exception {
        String message = "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"eyJzdm4iOlsiMSJdfQ==\"}";
        kbs.answer(201, "application/json", "{\"registered\":[\"svn\"]}");

        int exit = run("set-reference-value", "--file", file("rv.json", message).toString());

        assertThat(exit).isZero();
        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/kbs/v0/reference-value");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.bodyText()).isEqualTo(message);
        assertAdminBearer(request);
        assertThat(stdout().strip()).isEqualTo("reference values registered: svn");
    }

    @Test
    void malformedReferenceValueMessageIsRefusedLocally() throws Exception {
        assertThat(run("set-reference-value", "--file", file("a.json", "not json").toString())).isEqualTo(1);
        assertThat(stderr()).contains("is not JSON");
        assertThat(run("set-reference-value", "--file", file("b.json", "{\"type\":\"sample\"}").toString()))
                .isEqualTo(1);
        assertThat(stderr()).contains("lacks the string member 'payload'");
        assertThat(kbs.requests()).isEmpty();
    }

    @Test
    void setAttestationPolicySendsIdAndBase64UrlText() throws Exception {
        String cel = "{\"hardware\": input.sample.svn == \"1\" ? 2 : 97}";

        int exit = run("set-attestation-policy", "--id", "default_cpu", "--file", file("ap.cel", cel).toString(),
                "--json");

        assertThat(exit).isZero();
        RecordingKbsServer.Request request = kbs.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/kbs/v0/attestation-policy");
        JsonNode body = Json.tree(request.bodyText());
        assertThat(body.get("policy_id").asString()).isEqualTo("default_cpu");
        assertThat(new String(Base64s.fromUrl(body.get("policy").asString()), StandardCharsets.UTF_8)).isEqualTo(cel);
        assertThat(body.get("type").asString()).isEqualTo("cel");
        assertAdminBearer(request);
        assertThat(Json.tree(stdout()).get("policy_id").asString()).isEqualTo("default_cpu");
    }

    @Test
    void policyUploadsDeclareTheirLanguageAsKbsClientDoes() throws Exception {
        String rego = "# Arca test policy\npackage policy\n\ndefault allow := false\n";
        // a .rego file is Rego, a .cel file CEL, whatever they hold: the services then refuse a mislabelled text
        assertThat(run("set-attestation-policy", "--id", "default_cpu", "--file", file("ap.rego", rego).toString())).isZero();
        assertThat(Json.tree(kbs.requests().getLast().bodyText()).get("type").asString()).isEqualTo("rego");
        assertThat(stdout().strip()).endsWith("(rego, " + rego.getBytes(StandardCharsets.UTF_8).length + " bytes)");
        assertThat(run("set-resource-policy", "--file", file("p.rego", "true").toString())).isZero();
        assertThat(Json.tree(kbs.requests().getLast().bodyText()).get("type").asString()).isEqualTo("rego");
        assertThat(run("set-resource-policy", "--id", "t", "--binding", "t/", "--file", file("p.cel", rego).toString())).isZero();
        assertThat(Json.tree(kbs.requests().getLast().bodyText()).get("type").asString()).isEqualTo("cel");
        // any other file: the text decides, as the services decide an undeclared upload
        assertThat(run("set-resource-policy", "--file", file("policy.txt", rego).toString())).isZero();
        assertThat(Json.tree(kbs.requests().getLast().bodyText()).get("type").asString()).isEqualTo("rego");
        assertThat(stdout().strip()).contains("from ").contains(" (rego) (");
        assertThat(run("set-attestation-policy", "--id", "x", "--file", file("policy", "{'hardware': 2}").toString())).isZero();
        assertThat(Json.tree(kbs.requests().getLast().bodyText()).get("type").asString()).isEqualTo("cel");
        // a built-in policy declares the language it is stored in
        assertThat(run("set-resource-policy", "--deny-all", "--language", "rego")).isZero();
        assertThat(Json.tree(kbs.requests().getLast().bodyText()).get("type").asString()).isEqualTo("rego");
        assertThat(run("set-resource-policy", "--deny-all")).isZero();
        assertThat(Json.tree(kbs.requests().getLast().bodyText()).get("type").asString()).isEqualTo("cel");
    }

    @Test
    void withoutInitTheCommandTellsTheUserToRunIt() throws Exception {
        dir = work.resolve("empty");

        int exit = run("set-resource", "default/key/1", "--file", file("s", "x").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).startsWith("error: set-resource failed: no admin key at ").contains("run 'init' first");
        assertThat(kbs.requests()).isEmpty();
    }

    @Test
    void unreachableKbs() throws Exception {
        Path file = file("s", "x");
        kbs.close();

        int exit = run("set-resource", "default/key/1", "--file", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).startsWith("error: set-resource failed: cannot reach http://127.0.0.1:")
                .endsWith(": connection refused" + System.lineSeparator());
    }

    @Test
    void usageErrors() {
        assertThat(run("set-resource", "default/key/1")).isEqualTo(2);
        assertThat(stderr()).contains("--file");
        assertThat(run("set-attestation-policy", "--file", "x")).isEqualTo(2);
        assertThat(run("get-resource-policy", "--kbs", "ftp://x")).isEqualTo(2);
        assertThat(AdminCli.run(new String[0], new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(AdminCli.run(new String[] {"frobnicate"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
    }
}
