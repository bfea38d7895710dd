package dev.arca.rego.builtin;

import dev.arca.rego.value.BoolValue;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** {@code yaml.marshal}, {@code yaml.unmarshal}, {@code yaml.is_valid} through Jackson's YAML format (SnakeYAML). */
final class YamlBuiltins {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private YamlBuiltins() {
    }

    static void register(Builtins.Registry r) {
        r.add1("yaml.marshal", a -> {
            // through JSON text: sets become arrays and numbers keep their exact digits, as in json.marshal
            JsonNode tree = JSON.readTree(Json.write(a.get(0)));
            return new StringValue(YAML.writeValueAsString(tree));
        });
        r.add1("yaml.unmarshal", a -> {
            try {
                return parse(Args.string(a, 0));
            } catch (JacksonException | IllegalArgumentException e) {
                throw BuiltinException.failed("invalid YAML");
            }
        });
        r.add1("yaml.is_valid", a -> {
            if (!(a.get(0) instanceof StringValue s)) {
                return BoolValue.FALSE;
            }
            try {
                parse(s.value());
                return BoolValue.TRUE;
            } catch (JacksonException | IllegalArgumentException e) {
                return BoolValue.FALSE;
            }
        });
    }

    private static Value parse(String text) {
        JsonNode node = YAML.readTree(text);
        if (node == null || node.isMissingNode()) {
            return dev.arca.rego.value.NullValue.NULL;
        }
        return Json.fromNode(node);
    }
}
