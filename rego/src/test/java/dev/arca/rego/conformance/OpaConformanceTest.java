package dev.arca.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arca.rego.CompiledPolicy;
import dev.arca.rego.RegoEngine;
import dev.arca.rego.RegoException;
import dev.arca.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs OPA's conformance cases ({@code v1/test/cases/testdata/v1/<category>/*.yaml} of open-policy-agent/opa) from a
 * local cache outside the repository: system property {@code rego.conformance.dir} or environment variable
 * {@code REGO_CONFORMANCE_DIR} (docs/rego.md says how to fill it; the cases are never committed). Without the cache
 * the test is skipped. It writes the pass rate per category to {@code target/opa-conformance.md} and fails only when
 * the engine crashes on a case (anything but a typed {@link RegoException} escaping), never on a wrong answer.
 */
class OpaConformanceTest {

    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    record Outcome(String category, String file, String note, boolean passed, String detail) {
    }

    @Test
    void opaConformanceCases() throws IOException {
        String dir = System.getProperty("rego.conformance.dir", System.getenv("REGO_CONFORMANCE_DIR"));
        assumeTrue(dir != null && !dir.isBlank() && Files.isDirectory(Paths.get(dir)),
                "no OPA conformance cache (set -Drego.conformance.dir or REGO_CONFORMANCE_DIR)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Paths.get(dir))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        var outcomes = new ArrayList<Outcome>();
        var crashes = new ArrayList<String>();
        for (Path file : files) {
            String category = file.getParent().getFileName().toString();
            Map<?, ?> doc = YAML.readValue(file.toFile(), Map.class);
            for (Object c : (List<?>) doc.get("cases")) {
                Map<?, ?> tc = (Map<?, ?>) c;
                String note = String.valueOf(tc.get("note"));
                try {
                    String failure = run(tc);
                    outcomes.add(new Outcome(category, file.getFileName().toString(), note, failure == null, failure));
                } catch (RuntimeException | StackOverflowError e) {
                    crashes.add(note + ": " + e);
                    e.printStackTrace();
                    outcomes.add(new Outcome(category, file.getFileName().toString(), note, false, "crash: " + e));
                }
            }
        }
        String report = report(outcomes);
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target/opa-conformance.md"), report);
        System.out.println(report);
        assertThat(crashes).as("engine crashes (untyped exceptions)").isEmpty();
    }

    private static String run(Map<?, ?> tc) {
        var engine = RegoEngine.builder().maxSteps(5_000_000).timeout(Duration.ofSeconds(10))
                .strictBuiltinErrors(Boolean.TRUE.equals(tc.get("strict_error"))).cacheSize(1).build();
        var modules = new LinkedHashMap<String, String>();
        List<?> mods = tc.get("modules") instanceof List<?> l ? l : List.of();
        for (int i = 0; i < mods.size(); i++) {
            modules.put(String.format("mod%03d.rego", i), String.valueOf(mods.get(i)));
        }
        if (modules.isEmpty()) {
            modules.put("empty.rego", "package __empty__");
        }
        Object wantCode = tc.get("want_error_code");
        // some cases give only the message, which starts with OPA's code
        String wantError = tc.get("want_error") instanceof String w ? w : null;
        boolean wantsError = wantCode != null || wantError != null;
        List<Map<String, Value>> rows;
        try {
            CompiledPolicy policy = engine.compile(modules);
            Value data = tc.containsKey("data") ? Value.fromJava(tc.get("data")) : null;
            Value input = tc.containsKey("input") ? Value.fromJava(tc.get("input")) : null;
            if (tc.get("input_term") instanceof String term) {
                input = policy.evaluate(term, null, null).orElse(null);
            }
            rows = policy.query(String.valueOf(tc.get("query")), input, data);
        } catch (RegoException e) {
            if (wantCode != null ? wantCode.equals(e.code()) : wantError != null && wantError.contains(e.code() + ":")) {
                return null;
            }
            return "error " + e.getMessage() + (wantsError ? " (wanted " + (wantCode != null ? wantCode : wantError) + ")" : "");
        }
        if (wantsError) {
            return "wanted error " + (wantCode != null ? wantCode : wantError) + ", got " + rows.size() + " results";
        }
        // sort_bindings: a binding's array value is compared in sorted order (OPA's runner does the same)
        boolean sortBindings = Boolean.TRUE.equals(tc.get("sort_bindings"));
        var want = new ArrayList<String>();
        if (tc.get("want_result") instanceof List<?> results) {
            for (Object r : results) {
                want.add(normalise(sortBindings ? sortedBindings(Value.fromJava(r)) : Value.fromJava(r)));
            }
        }
        var got = new ArrayList<String>();
        for (Map<String, Value> row : rows) {
            var m = new TreeMap<String, Object>();
            row.forEach((k, v) -> {
                if (!k.startsWith("__")) {
                    m.put(k, v.toJava());
                }
            });
            Value row0 = Value.fromJava(Value.fromJava(m).toJava());
            got.add(normalise(sortBindings ? sortedBindings(row0) : row0));
        }
        want.sort(null);
        got.sort(null);
        if (tc.get("want_result") == null && !tc.containsKey("want_result")) {
            return got.isEmpty() ? null : "wanted no result, got " + got;
        }
        return want.equals(got) ? null : "wanted " + want + ", got " + got;
    }

    private static Value sortedBindings(Value row) {
        if (!(row instanceof dev.arca.rego.value.ObjectValue o)) {
            return row;
        }
        var entries = new TreeMap<Value, Value>();
        o.entries().forEach((k, v) -> entries.put(k, v instanceof dev.arca.rego.value.ArrayValue a
                ? new dev.arca.rego.value.ArrayValue(a.items().stream().sorted().toList()) : v));
        return new dev.arca.rego.value.ObjectValue(entries);
    }

    /** JSON text with sets as sorted arrays, the way OPA's runner compares results. */
    private static String normalise(Value v) {
        return dev.arca.rego.value.Json.write(Value.fromJava(v.toJava()));
    }

    private static String report(List<Outcome> outcomes) {
        var byCategory = new TreeMap<String, int[]>();
        for (Outcome o : outcomes) {
            int[] c = byCategory.computeIfAbsent(o.category(), k -> new int[2]);
            c[1]++;
            if (o.passed()) {
                c[0]++;
            }
        }
        var sb = new StringBuilder("| category | passed | cases | rate |\n|---|---:|---:|---:|\n");
        int passed = 0;
        int total = 0;
        for (var e : byCategory.entrySet()) {
            int[] c = e.getValue();
            passed += c[0];
            total += c[1];
            sb.append(String.format("| %s | %d | %d | %d%% |%n", e.getKey(), c[0], c[1], c[1] == 0 ? 0 : 100 * c[0] / c[1]));
        }
        sb.append(String.format("| **all** | %d | %d | %d%% |%n", passed, total, total == 0 ? 0 : 100 * passed / total));
        sb.append("\nFailures:\n");
        for (Outcome o : outcomes) {
            if (!o.passed()) {
                sb.append("- ").append(o.category()).append('/').append(o.file()).append(" `").append(o.note())
                        .append("`: ").append(o.detail().length() > 300 ? o.detail().substring(0, 300) + "…" : o.detail())
                        .append('\n');
            }
        }
        return sb.toString();
    }

}
