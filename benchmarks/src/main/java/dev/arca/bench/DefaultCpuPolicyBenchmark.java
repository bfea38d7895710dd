package dev.arca.bench;

import dev.arca.attestation.policy.CelPolicyCompiler;
import dev.arca.attestation.policy.NamedPolicy;
import dev.arca.attestation.policy.PolicyEngine;
import dev.arca.attestation.policy.PolicyProperties;
import dev.arca.attestation.policy.PolicyVerdict;
import dev.arca.attestation.policy.RegoPolicyCompiler;
import dev.arca.attestation.rvps.ReferenceValueSource;
import dev.arca.attestation.token.AnnotatedEvidence;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.collateral.CollateralSource;
import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.collateral.QuoteCollateralBundle;
import dev.arca.model.tee.Tee;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attestation service's {@code default_cpu} policy appraising a real TDX guest, as the AS does it: the claims of
 * Phala Network's TDX quote (appraised by intel-dcap with its cached collateral, read in place from the real-evidence
 * corpus), annotated as the AS annotates them, evaluated through the AS's own {@link PolicyEngine} with reference
 * values holding the quote's measurements (so every rule of the TDX branch runs). {@code arcaRego} and
 * {@code arcaCel} are the two built-ins the AS ships (default_cpu.rego and default_cpu.cel, which decide alike);
 * {@code upstreamRego} runs Trustee's own {@code ear_default_policy_cpu.rego} unchanged, read from the folder given
 * by {@code -Darca.upstream.policies} (Trustee's {@code attestation-service/src/ear_token}; never part of the
 * repository). All three are checked to reach the same trust vector before anything is measured.
 *
 * <pre>
 * ARCA_VECTORS=/path/to/real-evidence java -jar benchmarks/target/benchmarks.jar DefaultCpuPolicy -t 1 \
 *     -jvmArgsAppend -Darca.upstream.policies=/path/to/trustee/attestation-service/src/ear_token
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Darca.vectors=../shared/vectors")
public class DefaultCpuPolicyBenchmark {

    private static final Instant QUOTE_AT = Instant.parse("2025-07-01T00:00:00Z");

    private PolicyEngine engine;
    private ObjectNode input;
    private NamedPolicy rego;
    private NamedPolicy cel;
    private PolicyVerdict expected;

    @Setup
    public void setUp() throws Exception {
        Path vectors = Vectors.require("DefaultCpuPolicyBenchmark appraises the claims of a real TDX quote");
        DcapVerifier dcap = DcapVerifier.forSource(CollateralSource.fixed(QuoteCollateralBundle.read(
                vectors.resolve("intel-collateral/phala_tdx_quote_collateral.json"))), CrlPolicy.REQUIRE);
        ObjectNode claims = dcap.verifyTdx(Files.readAllBytes(vectors.resolve("tdx/phala_tdx_quote")),
                Optional.empty(), Optional.empty(), Optional.empty(), QUOTE_AT).claims();
        input = AnnotatedEvidence.of(Tee.TDX, claims, null, null);
        ReferenceValueSource referenceValues = measurementsOf(claims.get("quote").get("body"));
        PolicyProperties properties = PolicyProperties.DEFAULTS;
        engine = new PolicyEngine(new CelPolicyCompiler(referenceValues, properties),
                new RegoPolicyCompiler(referenceValues, properties));
        rego = new NamedPolicy("default_cpu", builtIn("default_cpu.rego"));
        cel = new NamedPolicy("default_cpu", builtIn("default_cpu.cel"));
        expected = engine.appraise(rego, input);
        requireSame(expected, engine.appraise(cel, input), "Arca's CEL default_cpu");
    }

    @Benchmark
    public PolicyVerdict arcaRego() {
        return engine.appraise(rego, input);
    }

    @Benchmark
    public PolicyVerdict arcaCel() {
        return engine.appraise(cel, input);
    }

    @Benchmark
    public PolicyVerdict upstreamRego(Upstream upstream) {
        return engine.appraise(upstream.policy, input);
    }

    /** Trustee's default_cpu, only for the benchmark that runs it: the others need no copy of upstream's files. */
    @State(Scope.Benchmark)
    public static class Upstream {

        NamedPolicy policy;

        @Setup
        public void setUp(DefaultCpuPolicyBenchmark benchmark) throws IOException {
            String folder = System.getProperty("arca.upstream.policies");
            if (folder == null) {
                throw new IllegalStateException("upstreamRego runs Trustee's ear_default_policy_cpu.rego: give its"
                        + " folder with -jvmArgsAppend -Darca.upstream.policies=<trustee>/attestation-service/src/ear_token");
            }
            policy = new NamedPolicy("default_cpu", Files.readString(Path.of(folder, "ear_default_policy_cpu.rego")));
            requireSame(benchmark.expected, benchmark.engine.appraise(policy, benchmark.input),
                    "Trustee's ear_default_policy_cpu.rego");
        }
    }

    /** The quote's own measurements registered, as a guest's operator would register them. */
    private static ReferenceValueSource measurementsOf(JsonNode body) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        Map<String, JsonNode> values = Map.of(
                "mr_td", json.arrayNode().add(body.get("mr_td").asString()),
                "rtmr_1", json.arrayNode().add(body.get("rtmr_1").asString()),
                "rtmr_2", json.arrayNode().add(body.get("rtmr_2").asString()),
                "xfam", json.arrayNode().add(body.get("xfam").asString()));
        return name -> Optional.ofNullable(values.get(name));
    }

    private static void requireSame(PolicyVerdict expected, PolicyVerdict actual, String what) {
        if (expected.failedClosed() || !expected.trustVector().equals(actual.trustVector())) {
            throw new IllegalStateException(what + " decides " + actual.trustVector() + ", Arca's Rego default_cpu "
                    + expected.trustVector() + (expected.failedClosed() ? " (failed: " + expected.failure() + ")" : ""));
        }
    }

    private static String builtIn(String name) {
        try (InputStream in = PolicyEngine.class.getResourceAsStream("/policies/" + name)) {
            if (in == null) {
                throw new IllegalStateException("policies/" + name + " is not in the attestation-service jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
