package dev.arca.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.admin.cli.AdminCli;
import dev.arca.launcher.suite.ServiceKind;
import dev.arca.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The admin CLI against the real KBS, AS and RVPS: the policy shortcuts compile in the KBS, compiler errors reach
 * the user whole, and the AS and RVPS accept the admin token for the reads and deletes the KBS does not relay. The
 * token is one made outside the CLI, given with --token-file.
 */
class AdminCliIT {

    static RunningSuite suite;
    static Path tokenFile;

    private String out;
    private String err;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.start();
        tokenFile = Files.createTempFile("arca-it-token", "");
        Files.writeString(tokenFile, suite.adminToken());
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
        Files.deleteIfExists(tokenFile);
    }

    private int admin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kbs", suite.kbs(), "--as", suite.url(ServiceKind.ATTESTATION_SERVICE),
                "--rvps", suite.url(ServiceKind.RVPS), "--token-file", tokenFile.toString()));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = AdminCli.run(all.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return exit;
    }

    @Test
    void policyShortcutsCompileInTheKbs() {
        for (String shortcut : List.of("--affirming", "--deny-all", "--allow-all", "--default")) {
            for (String language : List.of("cel", "rego")) {
                assertThat(admin("set-resource-policy", shortcut, "--language", language, "--id", "it-shortcut",
                        "--binding", "it-shortcut/")).as(shortcut + " " + language + ": " + err).isZero();
            }
        }
        assertThat(admin("delete-resource-policy", "--id", "it-shortcut")).isZero();
    }

    @Test
    void aResourcePolicyCompilerErrorIsShownWholeWithItsMarker() throws Exception {
        Path policy = Files.writeString(Files.createTempFile("bad", ".cel"), "true\n  && inpt.submods.size() > 0");

        assertThat(admin("set-resource-policy", "--id", "it-bad", "--file", policy.toString())).isEqualTo(1);

        assertThat(err).startsWith("error: set-resource-policy failed: HTTP 400 ");
        assertThat(err.lines().count()).as(err).isGreaterThan(1);
        assertThat(err.lines()).as(err).anyMatch(line -> line.strip().endsWith("^"));
        Files.delete(policy);
    }

    @Test
    void attestationPoliciesThroughTheKbsAndAtTheAs() throws Exception {
        Path bad = Files.writeString(Files.createTempFile("bad", ".cel"), "{'hardware': 2,\n 'executables': nope}");
        assertThat(admin("set-attestation-policy", "--id", "it-policy", "--file", bad.toString())).isEqualTo(1);
        assertThat(err.lines()).as(err).anyMatch(line -> line.strip().endsWith("^"));

        Path good = Files.writeString(bad, "{'hardware': 2}");
        assertThat(admin("set-attestation-policy", "--id", "it-policy", "--file", good.toString())).as(err).isZero();
        assertThat(admin("list-attestation-policies")).as(err).isZero();
        assertThat(out.lines()).contains("it-policy");
        assertThat(admin("get-attestation-policy", "--id", "it-policy")).as(err).isZero();
        assertThat(out.strip()).isEqualTo("{'hardware': 2}");
        assertThat(admin("delete-attestation-policy", "--id", "it-policy")).as(err).isZero();
        assertThat(admin("get-attestation-policy", "--id", "it-policy", "--json")).isEqualTo(1);
        assertThat(Json.tree(err).get("status").asInt()).isEqualTo(404);
        Files.delete(good);
    }

    @Test
    void regoFilesAreDeclaredRegoAndTheServicesHoldTheUploadToIt() throws Exception {
        Path dir = Files.createTempDirectory("arca-it-rego");
        Path attestation = Files.writeString(dir.resolve("it.rego"),
                "package policy\n\nimport rego.v1\n\ndefault trust_claims := {\"hardware\": 97}\n");
        assertThat(admin("set-attestation-policy", "--id", "it-rego", "--file", attestation.toString())).as(err).isZero();
        assertThat(out).contains("(rego, ");
        assertThat(admin("get-attestation-policy", "--id", "it-rego")).as(err).isZero();
        assertThat(out).contains("package policy");
        assertThat(admin("delete-attestation-policy", "--id", "it-rego")).as(err).isZero();

        Path resource = Files.writeString(dir.resolve("allow.rego"), "package policy\n\ndefault allow := false\n");
        assertThat(admin("set-resource-policy", "--id", "it-rego", "--binding", "it-rego/", "--file", resource.toString()))
                .as(err).isZero();
        assertThat(admin("delete-resource-policy", "--id", "it-rego")).as(err).isZero();

        // a CEL expression in a .rego file is declared rego: the AS and the KBS answer with Rego's parse error
        Path mislabelled = Files.writeString(dir.resolve("cel.rego"), "{'hardware': 2}");
        assertThat(admin("set-attestation-policy", "--id", "it-rego", "--file", mislabelled.toString())).isEqualTo(1);
        assertThat(err).startsWith("error: set-attestation-policy failed: HTTP 400 ").containsIgnoringCase("rego");
        Path mislabelledResource = Files.writeString(dir.resolve("cel2.rego"), "true");
        assertThat(admin("set-resource-policy", "--id", "it-rego", "--file", mislabelledResource.toString())).isEqualTo(1);
        assertThat(err).startsWith("error: set-resource-policy failed: HTTP 400 ").containsIgnoringCase("rego");
        for (Path p : List.of(attestation, resource, mislabelled, mislabelledResource, dir)) {
            Files.delete(p);
        }
    }

    @Test
    void sampleReferenceValuesAreRegisteredReadAndDeleted() {
        assertThat(admin("set-sample-reference-value", "it.svn", "1", "2", "--as-integer")).as(err).isZero();
        assertThat(out.strip()).isEqualTo("reference values registered: it.svn");

        assertThat(admin("get-reference-value", "it.svn", "--json")).as(err).isZero();
        JsonNode stored = Json.tree(out).get("reference_value");
        assertThat(stored.get("value").toString()).isEqualTo("[1,2]");
        assertThat(admin("list-reference-values", "--prefix", "it.")).as(err).isZero();
        assertThat(out).contains("it.svn");

        assertThat(admin("delete-reference-value", "it.svn")).as(err).isZero();
        assertThat(admin("get-reference-value", "it.svn")).isEqualTo(1);
        assertThat(err).startsWith("error: get-reference-value failed: HTTP 404");
    }

    @Test
    void auditSinceYesterdayAndJsonErrors() {
        assertThat(admin("audit", "--since", "yesterday")).as(err).isZero();

        assertThat(admin("delete-resource", "it/key/absent", "--json")).isEqualTo(1);
        JsonNode error = Json.tree(err);
        assertThat(error.get("status").asInt()).isEqualTo(404);
        assertThat(error.get("error").asString()).startsWith("delete-resource failed: HTTP 404");
    }
}
