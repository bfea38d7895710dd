package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart's README lists every value of values.yaml, with its default and a description. */
class ChartReadmeTest {

    /** A row of the values table: | `key` | `default as JSON` | description |. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `(.*)` \\| (.*) \\|$");

    private static Map<String, Object> values;
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        values = new Yaml().load(Files.readString(ArcaChart.PATH.resolve("values.yaml")));
        for (String line : Files.readAllLines(ArcaChart.PATH.resolve("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertThat(DEFAULTS.put(row.group(1), row.group(2))).as("one row for %s", row.group(1)).isNull();
                DESCRIPTIONS.put(row.group(1), row.group(3).strip());
            }
        }
        assertThat(DEFAULTS).as("rows of the values table").hasSizeGreaterThan(50);
    }

    @Test
    void everyKeyOfValuesYamlIsDescribedByItsOwnRowOrItsParentsRow() {
        List<String> undocumented = new ArrayList<>();
        for (String key : leafKeys(values, "")) {
            if (documentingRow(key) == null) {
                undocumented.add("| `" + key + "` | `" + json(at(key)) + "` | (description) |");
            }
        }
        assertThat(undocumented).as("keys of values.yaml missing from helm/arca/README.md; add these rows").isEmpty();
    }

    @Test
    void everyRowNamesAKeyOfValuesYamlWithItsDefault() {
        Yaml yaml = new Yaml();
        for (Map.Entry<String, String> row : DEFAULTS.entrySet()) {
            assertThat(has(row.getKey())).as("README row %s names no key of values.yaml", row.getKey()).isTrue();
            // JSON is YAML: the default column parses back to the value values.yaml has
            Object documented = yaml.load(row.getValue().replace("\\|", "|"));
            assertThat(documented).as("default of %s in the README", row.getKey()).isEqualTo(at(row.getKey()));
            assertThat(DESCRIPTIONS.get(row.getKey())).as("description of %s", row.getKey()).isNotBlank();
        }
    }

    @Test
    void theValuesOfThisIssueAreListed() {
        assertThat(DEFAULTS).containsKeys("global.imageRegistry", "management.port", "kbs.autoscaling.enabled",
                "prometheusRule.enabled", "grafanaDashboard.enabled");
    }

    private static String documentingRow(String key) {
        String[] parts = key.split("\\.");
        for (int n = parts.length; n > 0; n--) {
            String prefix = String.join(".", List.of(parts).subList(0, n));
            if (DESCRIPTIONS.containsKey(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    /** Keys of scalars, lists and empty maps: the values one sets. */
    private static List<String> leafKeys(Map<?, ?> map, String prefix) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                keys.addAll(leafKeys(child, key + "."));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    private static boolean has(String key) {
        Object current = values;
        for (String part : key.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return false;
            }
            current = map.get(part);
        }
        return true;
    }

    private static Object at(String key) {
        Object current = values;
        for (String part : key.split("\\.")) {
            current = ((Map<?, ?>) current).get(part);
        }
        return current;
    }

    private static String json(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return value instanceof Map<?, ?> m && m.isEmpty() ? "{}" : String.valueOf(value);
    }
}
