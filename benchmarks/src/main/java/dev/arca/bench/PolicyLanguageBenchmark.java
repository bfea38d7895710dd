package dev.arca.bench;

import dev.arca.model.json.Json;
import dev.arca.policy.cel.CelValues;
import dev.arca.policy.cel.PolicyEnvironment;
import dev.arca.policy.cel.PolicyOutcome;
import dev.arca.rego.CompiledPolicy;
import dev.arca.rego.RegoEngine;
import dev.arca.rego.value.Value;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * One attestation-policy evaluation over a TDX claims document, in Rego (Arca's engine) and in CEL (policy-cel), the
 * same decisions in both: the shape of upstream's {@code default_cpu} TDX rules (executables from MRTD and RTMR1
 * reference values, hardware from the TEE type and TCB SVN, configuration from the debug attribute), written for
 * this benchmark. Both policies are compiled once; each operation evaluates one device.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyLanguageBenchmark {

    static final String REGO = """
            package policy
            import rego.v1

            default executables := 33
            default hardware := 97
            default configuration := 36

            executables := 3 if {
            	input.tdx.quote.body.mr_td in query_reference_value("mr_td")
            	input.tdx.quote.body.rtmr_1 in query_reference_value("rtmr_1")
            }

            hardware := 2 if {
            	input.tdx.quote.header.tee_type == "81000000"
            	input.tdx.quote.body.tcb_svn in query_reference_value("tcb_svn")
            }

            configuration := 2 if input.tdx.td_attributes.debug == false

            trust_claims := {"executables": executables, "hardware": hardware, "configuration": configuration}
            """;

    static final String CEL = """
            {
              'executables': input.tdx.quote.body.mr_td in rv.mr_td
                  && input.tdx.quote.body.rtmr_1 in rv.rtmr_1 ? 3 : 33,
              'hardware': input.tdx.quote.header.tee_type == '81000000'
                  && input.tdx.quote.body.tcb_svn in rv.tcb_svn ? 2 : 97,
              'configuration': input.tdx.td_attributes.debug == false ? 2 : 36
            }
            """;

    static final String CLAIMS = """
            {"tdx": {
              "quote": {
                "header": {"version": "0400", "tee_type": "81000000", "att_key_type": "0200"},
                "body": {
                  "mr_td": "705ee9381b8633a9fbe532b52345e8433343d2868959f57889d84ca377c395b689cac1599ccea1b7d420483a9ce5f031",
                  "rtmr_0": "00", "rtmr_1": "a1b2c3", "rtmr_2": "00", "rtmr_3": "00",
                  "tcb_svn": "06010300000000000000000000000000",
                  "report_data": "00"
                }
              },
              "td_attributes": {"debug": false, "septve_disable": true}
            }}
            """;

    static final String REFERENCE_VALUES = """
            {"mr_td": ["705ee9381b8633a9fbe532b52345e8433343d2868959f57889d84ca377c395b689cac1599ccea1b7d420483a9ce5f031"],
             "rtmr_1": ["a1b2c3", "d4e5f6"],
             "tcb_svn": ["06010300000000000000000000000000"]}
            """;

    private final JsonNode claims = Json.tree(CLAIMS);
    private final JsonNode referenceValues = Json.tree(REFERENCE_VALUES);
    private final Value regoInput = dev.arca.rego.value.Json.fromNode(claims);
    private final Map<String, Object> celVariables = Map.of("input", CelValues.of(claims), "rv",
            CelValues.of(referenceValues));
    private final CompiledPolicy rego = RegoEngine.builder()
            .function("query_reference_value", 1,
                    args -> dev.arca.rego.value.Json.fromNode(referenceValues.get(args.get(0).toJava().toString())))
            .build().compile(REGO);
    private final PolicyEnvironment cel = PolicyEnvironment.builder().variable("input").variable("rv").build();

    public PolicyLanguageBenchmark() {
        // both must decide the same before anything is measured
        Object regoResult = rego.evaluate("data.policy.trust_claims", regoInput, null).orElseThrow().toJava();
        PolicyOutcome celResult = cel.evaluate(CEL, celVariables);
        if (!(celResult instanceof PolicyOutcome.Value v) || !String.valueOf(v.value()).equals(
                "{executables=3, hardware=2, configuration=2}") || !regoResult.toString().equals(
                "{configuration=2, executables=3, hardware=2}")) {
            throw new IllegalStateException("the two policies disagree: " + regoResult + " / " + celResult);
        }
    }

    @Benchmark
    public Object rego() {
        return rego.evaluate("data.policy.trust_claims", regoInput, null);
    }

    @Benchmark
    public Object cel() {
        return cel.evaluate(CEL, celVariables);
    }
}
