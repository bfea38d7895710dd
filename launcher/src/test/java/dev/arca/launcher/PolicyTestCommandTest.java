package dev.arca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./arca policy test}: a policy file evaluated against an input file offline, in Rego or CEL. */
class PolicyTestCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int arca(String... args) {
        return ArcaCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void regoAttestationPolicyWithReferenceValues() throws IOException {
        Path policy = file("p.rego", """
                package policy
                import rego.v1
                default hardware := 97
                hardware := 2 if input.svn in query_reference_value("svn")
                trust_claims := {"hardware": hardware}
                """);
        Path input = file("in.json", "{\"svn\": \"3\"}");
        Path rvs = file("rv.json", "{\"svn\": [\"3\", \"4\"]}");
        assertThat(arca("policy", "test", policy.toString(), "--input", input.toString(), "--reference-values",
                rvs.toString(), "--query", "data.policy.trust_claims")).isZero();
        assertThat(out()).isEqualTo("{\"hardware\":2}");
    }

    @Test
    void regoResourcePolicyUndefinedIsExitOne() throws IOException {
        Path policy = file("r.rego", "package policy\nallow if data.plugin == \"resource\"\n");
        Path data = file("d.json", "{\"plugin\": \"pkcs11\"}");
        assertThat(arca("policy", "test", policy.toString(), "--data", data.toString(), "--query",
                "data.policy.allow")).isEqualTo(1);
        assertThat(out()).isEqualTo("undefined");
    }

    @Test
    void celExpressionWithInputAndRequest() throws IOException {
        Path policy = file("r.cel", "request.plugin == 'resource' && input.submods.cpu0['ear.status'] == 'affirming'");
        Path input = file("in.json", "{\"submods\": {\"cpu0\": {\"ear.status\": \"affirming\"}}}");
        Path data = file("d.json", "{\"plugin\": \"resource\"}");
        assertThat(arca("policy", "test", policy.toString(), "--input", input.toString(), "--data", data.toString()))
                .isZero();
        assertThat(out()).isEqualTo("true");
    }

    @Test
    void aBrokenPolicySaysWhereAndFails() throws IOException {
        Path policy = file("bad.rego", "package policy\nallow if {\n");
        assertThat(arca("policy", "test", policy.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.rego").contains("rego_parse_error");
    }
}
