package dev.arca.attestation.initdata;

import dev.arca.model.json.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * An init-data document (Trustee initdata.md): TOML with {@code version}, {@code algorithm} (kbs-types' lowercase
 * names {@code sha256|sha384|sha512|sm3}) and a {@code [data]} table of strings. Its digest is the algorithm applied
 * to the exact text bytes as received; its claims are the {@code data} table, where {@code cdh.toml} and
 * {@code aa.toml} that parse as TOML become objects and a Kata {@code policy.rego} with {@code policy_data := {…}}
 * is replaced by {@code agent_policy_claims}.
 *
 * @param version   the document's version string
 * @param algorithm the digest algorithm it names
 * @param digest    algorithm(text bytes)
 * @param claims    the post-processed data table
 */
public record InitDataToml(String version, HashAlgorithm algorithm, byte[] digest, ObjectNode claims) {

    private static final TomlMapper TOML = new TomlMapper();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String POLICY_REGO = "policy.rego";
    private static final String POLICY_DATA = "policy_data := {";
    private static final String AGENT_POLICY_CLAIMS = "agent_policy_claims";

    public static InitDataToml parse(String text) throws InvalidInitDataException {
        JsonNode document;
        try {
            document = TOML.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInitDataException("init_data_toml is not valid TOML: " + firstLine(e.getMessage()));
        }
        String version = requiredString(document, "version");
        HashAlgorithm algorithm = algorithm(requiredString(document, "algorithm"));
        byte[] digest = algorithm.digest(text.getBytes(StandardCharsets.UTF_8));
        return new InitDataToml(version, algorithm, digest, claims(document.get("data")));
    }

    private static HashAlgorithm algorithm(String name) throws InvalidInitDataException {
        // exact serde names, not case-insensitive like runtime_data_hash_algorithm
        return Arrays.stream(HashAlgorithm.values()).filter(a -> a.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInitDataException("init-data algorithm '" + name
                        + "' is not one of sha256, sha384, sha512, sm3"));
    }

    private static ObjectNode claims(JsonNode data) throws InvalidInitDataException {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        if (data == null) {
            return claims;
        }
        if (!data.isObject()) {
            throw new InvalidInitDataException("init-data 'data' must be a table of strings");
        }
        for (Map.Entry<String, JsonNode> entry : data.properties()) {
            if (!entry.getValue().isString()) {
                throw new InvalidInitDataException("init-data data." + entry.getKey() + " must be a string");
            }
            String value = entry.getValue().stringValue();
            switch (entry.getKey()) {
                case "cdh.toml", "aa.toml" -> claims.set(entry.getKey(), tomlOrString(value));
                case POLICY_REGO -> agentPolicy(value, claims);
                default -> claims.put(entry.getKey(), value);
            }
        }
        return claims;
    }

    private static JsonNode tomlOrString(String value) {
        try {
            JsonNode parsed = TOML.readTree(value);
            return parsed != null && parsed.isObject() ? parsed : JsonNodeFactory.instance.stringNode(value);
        } catch (JacksonException notToml) {
            return JsonNodeFactory.instance.stringNode(value);
        }
    }

    /** Kata agent policy: the JSON object from {@code policy_data := {} on becomes the claims, the rego goes. */
    private static void agentPolicy(String rego, ObjectNode claims) {
        int at = rego.indexOf(POLICY_DATA);
        if (at >= 0) {
            String json = rego.substring(at + POLICY_DATA.length() - 1);
            try (JsonParser parser = JSON.createParser(json)) {
                JsonNode policyData = JSON.readTree(parser);
                if (policyData != null && policyData.isObject()) {
                    claims.set(AGENT_POLICY_CLAIMS, policyData);
                    return;
                }
            } catch (JacksonException notJson) {
                // keep the rego text as it is, as upstream does when policy_data is not JSON
            }
        }
        claims.put(POLICY_REGO, rego);
    }

    private static String requiredString(JsonNode document, String key) throws InvalidInitDataException {
        JsonNode value = document == null ? null : document.get(key);
        if (value == null || !value.isString()) {
            throw new InvalidInitDataException("init_data_toml needs a string '" + key + "'");
        }
        return value.stringValue();
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
