package dev.arca.agent.config;

import dev.arca.model.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads the configuration file, TOML or JSON by extension as upstream does (guest-components attestation-agent README).
 * Unknown keys are ignored (upstream's files may carry keys for other builds); a known key of the wrong type is an
 * error naming it.
 */
public final class AgentConfigReader {

    private AgentConfigReader() {
    }

    public static AgentConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode root;
        try {
            root = json ? Json.MAPPER.readTree(text) : new TomlMapper().readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException("configuration file " + file + " is not valid " + (json ? "JSON" : "TOML")
                    + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("configuration file " + file + " is not a table of settings");
        }
        return parse(root);
    }

    static AgentConfig parse(JsonNode root) throws ConfigException {
        JsonNode kbs = root.path("token_configs").path("kbs");
        JsonNode cocoAs = root.path("token_configs").path("coco_as");
        JsonNode eventLog = root.path("eventlog_config");
        JsonNode arca = root.path("arca");
        JsonNode api = arca.path("api");
        return new AgentConfig(
                string(kbs, "url", "token_configs.kbs.url"),
                string(kbs, "cert", "token_configs.kbs.cert"),
                string(kbs, "tee_key_algorithm", "token_configs.kbs.tee_key_algorithm"),
                string(cocoAs, "url", "token_configs.coco_as.url"),
                integer(eventLog, "init_pcr", "eventlog_config.init_pcr"),
                bool(eventLog, "enable_eventlog", "eventlog_config.enable_eventlog"),
                string(arca, "tee", "arca.tee"),
                string(arca, "kbs_protocol", "arca.kbs_protocol"),
                string(arca, "resource_auth", "arca.resource_auth"),
                integer(arca, "token_refresh_margin_seconds", "arca.token_refresh_margin_seconds"),
                string(arca, "kbs_cert_file", "arca.kbs_cert_file"),
                string(arca, "init_data_file", "arca.init_data_file"),
                string(arca, "sysfs_root", "arca.sysfs_root"),
                string(arca, "dev_root", "arca.dev_root"),
                string(arca, "run_root", "arca.run_root"),
                string(arca, "eventlog_path", "arca.eventlog_path"),
                string(arca, "azure_imds_url", "arca.azure_imds_url"),
                string(api, "bind", "arca.api.bind"),
                bool(api, "allow_remote", "arca.api.allow_remote"),
                string(api, "features", "arca.api.features"),
                integer(api, "max_concurrent_requests", "arca.api.max_concurrent_requests"));
    }

    private static String string(JsonNode table, String key, String name) throws ConfigException {
        JsonNode value = table.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ConfigException(name + " must be a string");
        }
        return value.asString();
    }

    private static Integer integer(JsonNode table, String key, String name) throws ConfigException {
        JsonNode value = table.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ConfigException(name + " must be an integer");
        }
        return value.asInt();
    }

    private static Boolean bool(JsonNode table, String key, String name) throws ConfigException {
        JsonNode value = table.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new ConfigException(name + " must be true or false");
        }
        return value.asBoolean();
    }
}
