package dev.arca.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.rvps.RvpsClient;
import dev.arca.attestation.support.StubRvpsServer;
import dev.cel.runtime.CelRuntime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The policy language: macros, rv/rv_has over a real RVPS stand-in, JSON values as CEL sees them. */
class CelPolicyCompilerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static StubRvpsServer rvps;
    private static CelPolicyCompiler compiler;

    @BeforeAll
    static void start() {
        rvps = StubRvpsServer.start();
        rvps.put("svns", "[\"1\", 2, 3.5]");
        rvps.put("single", "7");
        rvps.put("object", "{\"major\": 1}");
        compiler = new CelPolicyCompiler(new RvpsClient(rvps.url(), Duration.ofSeconds(2), Duration.ofSeconds(5),
                JSON));
    }

    @AfterAll
    static void stop() {
        rvps.close();
    }

    private static Object eval(String expression, String inputJson) throws Exception {
        CelRuntime.Program program = compiler.compile("{'hardware': (" + expression + ") ? 2 : 97}");
        Map<?, ?> out = (Map<?, ?>) program.eval(Map.of("input", CelValues.of(JSON.readTree(inputJson))));
        return out.get("hardware");
    }

    @Test
    void rvHasMatchesListMembersAndPlainValuesAcrossNumberKinds() throws Exception {
        assertThat(eval("rv_has('svns', input.s)", "{\"s\": \"1\"}")).isEqualTo(2L);
        assertThat(eval("rv_has('svns', input.n)", "{\"n\": 2}")).isEqualTo(2L);
        assertThat(eval("rv_has('svns', input.n)", "{\"n\": 2.0}")).isEqualTo(2L);
        assertThat(eval("rv_has('svns', input.n)", "{\"n\": 1}")).isEqualTo(97L);
        assertThat(eval("rv_has('single', input.n)", "{\"n\": 7}")).isEqualTo(2L);
        assertThat(eval("rv_has('absent', input.n)", "{\"n\": 7}")).isEqualTo(97L);
    }

    @Test
    void rvReturnsJsonValuesOrNull() throws Exception {
        assertThat(eval("rv('absent') == null", "{}")).isEqualTo(2L);
        assertThat(eval("rv('object').major == input.p.major", "{\"p\": {\"major\": 1}}")).isEqualTo(2L);
        assertThat(eval("input.s in rv('svns')", "{\"s\": \"1\"}")).isEqualTo(2L);
    }

    @Test
    void standardMacrosAreAvailable() throws Exception {
        String log = "{\"events\": [{\"type\": \"a\"}, {\"type\": \"b\", \"digest\": \"ff\"}]}";
        assertThat(eval("input.events.exists(e, e.type == 'b' && has(e.digest))", log)).isEqualTo(2L);
        assertThat(eval("input.events.all(e, has(e.digest))", log)).isEqualTo(97L);
    }

    @Test
    void compileErrorsCarryTheCompilerMessage() {
        assertThatThrownBy(() -> compiler.compile("{'hardware': "))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("<input>:1:");
        assertThatThrownBy(() -> compiler.compile("rv(1)"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("rv");
        assertThatThrownBy(() -> compiler.compile("{'hardware': 'two'}"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("map(string, string)");
    }
}
