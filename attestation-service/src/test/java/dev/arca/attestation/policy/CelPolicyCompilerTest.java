package dev.arca.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.arca.attestation.rvps.RvpsClient;
import dev.arca.attestation.support.StubRvpsServer;
import dev.arca.policy.cel.CelValues;
import dev.arca.policy.cel.CompiledPolicy;
import dev.arca.policy.cel.PolicyOutcome;
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
        rvps.put("minimum", "4");
        rvps.put("flag", "false");
        compiler = new CelPolicyCompiler(new RvpsClient(rvps.url(), Duration.ofSeconds(2), Duration.ofSeconds(5),
                JSON), PolicyProperties.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        rvps.close();
    }

    private static Object eval(String expression, String inputJson) throws Exception {
        CompiledPolicy program = compiler.compile("{'hardware': (" + expression + ") ? 2 : 97}");
        Map<?, ?> out = (Map<?, ?>) value(program.evaluate(Map.of("input", CelValues.of(JSON.readTree(inputJson)))));
        return out.get("hardware");
    }

    private static Object value(PolicyOutcome outcome) {
        assertThat(outcome).isInstanceOf(PolicyOutcome.Value.class);
        return ((PolicyOutcome.Value) outcome).value();
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
    void membershipAndSizeWorkOnIndexedClaims() throws Exception {
        String claims = "{\"s\": {\"a-b\": {\"tdx\": {}}, \"l\": [1, 2]}}";
        assertThat(eval("'tdx' in input.s['a-b'] && !('sample' in input.s['a-b'])", claims)).isEqualTo(2L);
        assertThat(eval("input.s['a-b'].size() == 1 && input.s['l'].size() == 2", claims)).isEqualTo(2L);
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

    @Test
    void numbersCompareByValueAcrossIntAndDouble() throws Exception {
        assertThat(eval("input.n == 2.0 && input.d == 2 && input.n < 2.5 && dyn(1) == 1.0", "{\"n\": 2, \"d\": 2.0}"))
                .isEqualTo(2L);
    }

    @Test
    void policiesOverTheBudgetAreRefusedAtUploadWithTheReason() {
        assertThatThrownBy(() -> compiler.compile(
                "{'hardware': input.events.exists(e, input.digests.exists(d, d == e.digest)) ? 2 : 97}"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("nested comprehensions over `input.events` and `input.digests` may run about "
                        + "10^6 iterations");
        // the parts of each event are not another list: an event log's digests pass
        assertThat(catchThrowable(() -> compiler.compile(
                "{'hardware': input.events.exists(e, e.digests.exists(d, rv_eq('k', d))) ? 2 : 97}"))).isNull();
    }

    @Test
    void rvEqRvMinAndAllRv() throws Exception {
        assertThat(eval("rv_eq('single', input.n)", "{\"n\": 7}")).isEqualTo(2L);
        assertThat(eval("rv_eq('single', input.n)", "{\"n\": 7.0}")).isEqualTo(2L);
        assertThat(eval("rv_eq('svns', input.n)", "{\"n\": 2}")).as("equality, not membership").isEqualTo(97L);
        assertThat(eval("rv_eq('object', input.o)", "{\"o\": {\"major\": 1}}")).isEqualTo(2L);
        assertThat(eval("rv_eq('flag', input.b)", "{\"b\": false}")).isEqualTo(2L);
        assertThat(eval("rv_min('minimum', input.n)", "{\"n\": 4}")).isEqualTo(2L);
        assertThat(eval("rv_min('minimum', input.n)", "{\"n\": 4.5}")).isEqualTo(2L);
        assertThat(eval("rv_min('minimum', input.n)", "{\"n\": 3}")).isEqualTo(97L);
        assertThat(eval("all_rv({'svns': input.s, 'single': input.n})", "{\"s\": \"1\", \"n\": 7}"))
                .isEqualTo(2L);
        assertThat(eval("all_rv({'svns': input.s, 'single': input.n})", "{\"s\": \"1\", \"n\": 8}"))
                .isEqualTo(97L);
    }

    @Test
    void helpersAreFalseNotErrorsForAbsentOrMismatchedValues() throws Exception {
        assertThat(eval("rv_eq('absent', input.n) || rv_min('absent', input.n) || all_rv({'absent': input.n})",
                "{\"n\": 1}")).isEqualTo(97L);
        assertThat(eval("rv_min('svns', input.n) || rv_min('minimum', input.s)", "{\"n\": 9, \"s\": \"9\"}"))
                .isEqualTo(97L);
        assertThat(eval("rv_has('svns', input.o)", "{\"o\": {\"a\": 1}}")).isEqualTo(97L);
    }

    @Test
    void bindingsOptionalsAndStringExtensionsAreAvailable() throws Exception {
        assertThat(eval("cel.bind(x, input.n * 2, x == 4)", "{\"n\": 2}")).isEqualTo(2L);
        assertThat(eval("input.?missing.?deeper.orValue('none') == 'none'", "{}")).isEqualTo(2L);
        assertThat(eval("input.m[?'k-1'].orValue(0) == 5", "{\"m\": {\"k-1\": 5}}")).isEqualTo(2L);
        assertThat(eval("input.s.lowerAscii() == 'abc'", "{\"s\": \"ABC\"}")).isEqualTo(2L);
    }

    @Test
    void policiesMayReturnExtensionsBesideTheCategories() throws Exception {
        CompiledPolicy program = compiler.compile(
                "{'hardware': 2, 'extensions': {'org.example.tags': {'svn': input.svn, 'ok': true}}}");

        Object result = value(program.evaluate(Map.of("input", CelValues.of(JSON.readTree("{\"svn\": 3}")))));

        PolicyVerdict verdict = PolicyResult.read(result);
        assertThat(verdict.extensions().get("org.example.tags")).isEqualTo(JSON.readTree("{\"svn\": 3, \"ok\": true}"));
    }
}
