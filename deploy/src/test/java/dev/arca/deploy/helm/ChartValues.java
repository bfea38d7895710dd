package dev.arca.deploy.helm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one render gets: {@code --set} pairs, {@code --set-file} pairs, an extra values file, and the Secrets that
 * already exist in the (fake) cluster, as on an upgrade.
 */
final class ChartValues {

    final Map<String, Object> sets = new LinkedHashMap<>();
    final Map<String, Path> files = new LinkedHashMap<>();
    final Map<String, Map<String, String>> existingSecrets = new LinkedHashMap<>();
    String valuesYaml;

    static ChartValues defaults() {
        return new ChartValues();
    }

    ChartValues set(String key, Object value) {
        sets.put(key, value);
        return this;
    }

    ChartValues setFile(String key, Path file) {
        files.put(key, file);
        return this;
    }

    /** An extra values file, for structured values that --set expresses badly. */
    ChartValues yaml(String yaml) {
        valuesYaml = yaml;
        return this;
    }

    /** A Secret of the release namespace that exists before the render (base64 data, as the API returns it). */
    ChartValues existingSecret(String name, Map<String, String> base64Data) {
        existingSecrets.put(name, base64Data);
        return this;
    }

    /** External PostgreSQL with inline credentials, which several replicas need. */
    ChartValues withPostgresql() {
        return set("postgresql.enabled", true)
                .set("postgresql.url", "jdbc:postgresql://db.example.internal:5432/arca?sslmode=verify-full")
                .set("postgresql.username", "arca")
                .set("postgresql.password", "render-test-password");
    }
}
